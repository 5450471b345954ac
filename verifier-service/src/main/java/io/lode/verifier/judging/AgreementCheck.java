package io.lode.verifier.judging;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.verdicts.Verdict;
import io.lode.semantics.Vectors;

/**
 * Agreement for redundant tasks, counting only agents whose reputation for the task's skill is checked
 * ({@link Submission#checkedAgents()}): fresh keys cost nothing, so three keys on one endpoint agreeing with each
 * other prove nothing. Structured answers (a number, JSON, or at most three words) agree when equal after
 * normalising (numbers by value, JSON by content, words by case, spacing and final punctuation); free text agrees
 * when the MiniLM embeddings have a cosine of at least {@code minSimilarity}.
 * <ul>
 *   <li>the voters are the other checked agents, and this answer's own agent when it is checked;</li>
 *   <li>PASS: at least one other checked agent agrees, and the voters for this answer are a strict majority;
 *       score = share of the answers counted (this one included) that agree with it;</li>
 *   <li>FAIL: at least two other checked agents agree with each other on an answer this one disagrees with, and
 *       they are a strict majority of the voters;</li>
 *   <li>INCONCLUSIVE otherwise, and always when no other agent is checked: the work was delivered and is paid, and
 *       the verdict moves nobody's reputation.</li>
 * </ul>
 */
public final class AgreementCheck implements VerificationStrategy {

    public static final String METHOD = "agreement";
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
            true);

    private final Function<String, float[]> embedder;
    private final double minSimilarity;

    public AgreementCheck(Function<String, float[]> embedder, double minSimilarity) {
        this.embedder = embedder;
        this.minSimilarity = minSimilarity;
    }

    @Override
    public Optional<Judgement> judge(Submission submission) {
        if (submission.peers().isEmpty()) {
            return Optional.empty();
        }
        String me = submission.result().getAgentId();
        String mine = submission.result().getOutput();
        List<String> checked = submission.peers().stream()
                .filter(peer -> !peer.getAgentId().equals(me) && submission.checkedAgents().contains(peer.getAgentId()))
                .map(AgentResultReceived::getOutput).toList();
        int others = submission.peers().size();
        if (checked.isEmpty()) {
            return Optional.of(new Judgement(Verdict.INCONCLUSIVE, METHOD, 0.5, List.of("none of the " + others
                    + " other answers is from an agent with checked reputation for this skill; agreement among "
                    + "unchecked agents proves nothing")));
        }
        Map<String, float[]> vectors = new HashMap<>();
        int c = checked.size();
        // An answer's own agent is one voice for it when it is checked itself; it is never enough on its own.
        int self = submission.checkedAgents().contains(me) ? 1 : 0;
        int voters = c + self;
        int support = (int) checked.stream().filter(answer -> agree(mine, answer, vectors)).count();
        String tally = "agrees with " + support + " of the " + c + " other answers from checked agents"
                + (others > c ? " (" + (others - c) + " unchecked not counted)" : "");
        if (support >= 1 && 2 * (support + self) > voters) {
            return Optional.of(new Judgement(Verdict.PASS, METHOD, (support + 1.0) / (c + 1), List.of(tally)));
        }
        for (String rival : checked) {
            if (agree(mine, rival, vectors)) {
                continue;
            }
            long bloc = checked.stream().filter(answer -> agree(rival, answer, vectors)).count();
            if (bloc >= 2 && 2 * bloc > voters) {
                return Optional.of(new Judgement(Verdict.FAIL, METHOD, 0.0, List.of(tally + "; " + bloc
                        + " of them agree on another answer")));
            }
        }
        return Optional.of(new Judgement(Verdict.INCONCLUSIVE, METHOD, 0.5,
                List.of(tally + "; no majority of checked agents either way")));
    }

    private boolean agree(String a, String b, Map<String, float[]> vectors) {
        Optional<String> structuredA = structured(a);
        Optional<String> structuredB = structured(b);
        if (structuredA.isPresent() && structuredB.isPresent()) {
            return structuredA.get().equals(structuredB.get());
        }
        float[] va = vectors.computeIfAbsent(a, embedder);
        float[] vb = vectors.computeIfAbsent(b, embedder);
        return Vectors.dot(va, vb) >= minSimilarity;
    }

    /** The normal form of a structured answer; empty for free text. */
    static Optional<String> structured(String answer) {
        String text = answer.strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                JsonNode json = JSON.readTree(text);
                return Optional.of(JSON.writeValueAsString(JSON.treeToValue(json, Object.class)));
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        String words = text.toLowerCase(Locale.ROOT).replaceAll("[.!?]+$", "").replaceAll("\\s+", " ");
        try {
            return Optional.of(new BigDecimal(words.replace(",", "")).stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
            return words.split(" ").length <= 3 ? Optional.of(words) : Optional.empty();
        }
    }
}
