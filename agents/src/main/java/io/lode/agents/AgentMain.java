package io.lode.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.a2a.A2aAgentServer.Misbehaviour;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.arithmetic.ArithmeticSolver;
import io.lode.agents.cipher.LyingRot13;
import io.lode.agents.cipher.Rot13;
import io.lode.agents.misbehaving.ConstantAnswer;
import io.lode.agents.misbehaving.HoneypotGamer;
import io.lode.agents.misbehaving.LyingCalculator;
import io.lode.agents.review.ConstantJudge;
import io.lode.agents.review.LlmJudge;
import io.lode.agents.review.ReferenceJudge;
import io.lode.agents.text.ExtractiveSummariser;
import io.lode.agents.text.KeywordExtractor;
import io.lode.agents.text.SentimentClassifier;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.identity.KeyFile;

/**
 * Runs an example agent: {@code java -jar lode-agents.jar summariser --port 8190 --key-file summariser.key}.
 * Creates the key file if it is missing, prints {@code READY <port> <agentId>} once it serves, and runs until
 * stopped. The honest agents do real work offline; the misbehaving ones exist to show what verification catches.
 */
public final class AgentMain {

    /** An agent this command can run. */
    public record Kind(String description, SkillCard skill, UnaryOperator<String> work, Misbehaviour misbehaviour) {
    }

    public static final Map<String, Kind> KINDS = new TreeMap<>(Map.ofEntries(
            Map.entry("arithmetic", plain("Solves arithmetic exactly", ArithmeticSolver.SKILL, new ArithmeticSolver())),
            Map.entry("summariser", plain("Extractive summaries", ExtractiveSummariser.SKILL,
                    new ExtractiveSummariser())),
            Map.entry("keywords", plain("Keyword extraction", KeywordExtractor.SKILL, new KeywordExtractor())),
            Map.entry("classifier", plain("Sentiment classification", SentimentClassifier.SKILL,
                    new SentimentClassifier())),
            Map.entry("rot13", plain("ROT13 of a text (a skill only judges can check)", Rot13.SKILL, new Rot13())),
            Map.entry("rot13-liar", plain("Misbehaving: right ROT13 for its exam, then the text unchanged", Rot13.SKILL,
                    new LyingRot13(2))),
            Map.entry("judge-rot13", plain("Judge: reviews ROT13 (and arithmetic) answers against the computed reference",
                    ReferenceJudge.SKILL, new ReferenceJudge())),
            Map.entry("constant", plain("Misbehaving: always the same answer", ExtractiveSummariser.SKILL,
                    new ConstantAnswer("Here is your summary."))),
            Map.entry("liar", plain("Misbehaving: right for its exam, then off by one", ArithmeticSolver.SKILL,
                    new LyingCalculator(10))),
            Map.entry("honeypot-gamer", plain("Misbehaving: works only on challenge-like requests",
                    ExtractiveSummariser.SKILL, new HoneypotGamer(new ExtractiveSummariser(), "Summary unavailable."))),
            Map.entry("judge-llm", plain("Judge template: reviews with a language model on an OpenAI-compatible "
                    + "endpoint (LODE_JUDGE_LLM_BASE_URL, LODE_JUDGE_LLM_API_KEY, LODE_JUDGE_LLM_MODEL)", LlmJudge.SKILL,
                    new LlmJudge(LlmJudge.Endpoint.fromEnvironment(System.getenv())))),
            Map.entry("judge-lazy", plain("Misbehaving judge: scores every answer 0.7 without reading it",
                    ReferenceJudge.SKILL, new ConstantJudge(0.7))),
            Map.entry("slow", new Kind("Misbehaving: drips its answer forever", ArithmeticSolver.SKILL,
                    new ArithmeticSolver(), Misbehaviour.DRIP)),
            Map.entry("oversized", new Kind("Misbehaving: answers with 10 MB", ArithmeticSolver.SKILL,
                    new ArithmeticSolver(), Misbehaviour.OVERSIZED))));

    private AgentMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Kind kind = args.length < 1 ? null : KINDS.get(args[0]);
        if (kind == null) {
            System.err.println("usage: lode-agents " + String.join("|", KINDS.keySet())
                    + " [--host 127.0.0.1] [--port N] --key-file FILE");
            System.exit(2);
        }
        if (kind.work() instanceof LlmJudge judge && !judge.configured()) {
            System.err.println("judge-llm needs LODE_JUDGE_LLM_BASE_URL (an OpenAI-compatible endpoint, e.g. "
                    + "https://api.openai.com/v1), and LODE_JUDGE_LLM_API_KEY if it wants one");
            System.exit(2);
        }
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "0"));
        Path keyFile = Path.of(option(args, "--key-file", args[0] + "-agent.key"));
        if (!Files.exists(keyFile)) {
            KeyFile.write(keyFile, AgentKeys.generate());
        }
        KeyPair keys = KeyFile.read(keyFile);
        A2aAgentServer.Description description = new A2aAgentServer.Description(args[0], kind.description(),
                AgentKeys.encodePublic(keys.getPublic()), List.of(kind.skill()));
        A2aAgentServer server = new A2aAgentServer(host, port, description, kind.work(), kind.misbehaviour(),
                kind.misbehaviour() != Misbehaviour.NONE).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("READY " + server.port() + " " + AgentId.of(keys.getPublic()));
        System.out.flush();
        stopped.await();
    }

    private static Kind plain(String description, SkillCard skill, UnaryOperator<String> work) {
        return new Kind(description, skill, work, Misbehaviour.NONE);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
