package io.lode.gateway.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the console's templates show, made from the API's JSON: amounts as credits, an answer as safe HTML, a task's
 * state as what a person may do next. Every text here is escaped by the templates; only {@link Turn#answerHtml}, made
 * by {@link SafeMarkdown}, is written raw.
 */
final class Views {

    private static final Set<String> RUNNING = Set.of("SUBMITTED", "ESCROWED", "DISPATCHED", "RESULT_RECEIVED");
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private Views() {
    }

    /**
     * One question and its answer in a conversation. {@code balanceAfter}: the balance once it was settled;
     * {@code notAgain}: the agents a retry "with another agent" leaves out (those that answered it, and those it
     * already left out), space-separated; empty when no agent answered.
     */
    record Turn(String taskId, String input, String status, boolean running, String answerHtml, Agent agent,
                Verdict verdict, String receipt, Cost cost, String holdUntil, boolean disputable, String disputedAt,
                String reason, String balanceAfter, String notAgain) {
    }

    record Agent(String agentId, String name, String status, String price, String reputation, long verdicts,
                 boolean probation, List<String> skills) {
    }

    record Verdict(String verdict, String method, String score, String evidence) {
    }

    record Cost(String charged, String paidToAgent, String protocolFee, String paidToJudges, String refunded) {
    }

    /** Whether the task is still on its way to an answer (its stream still has something to say). */
    static boolean running(JsonNode task) {
        return RUNNING.contains(task.path("status").asText());
    }

    static Turn turn(JsonNode task, JsonNode agent, String balanceAfter) {
        String status = task.path("status").asText();
        JsonNode verdict = task.path("verdict");
        JsonNode fee = task.path("fee");
        JsonNode hold = task.path("hold");
        String output = task.at("/result/output").isTextual() ? task.at("/result/output").asText() : null;
        return new Turn(task.path("taskId").asText(), task.path("input").asText(), status, running(task),
                output == null ? null : SafeMarkdown.toHtml(output),
                agent != null ? agent(agent) : task.at("/result/agentId").isTextual()
                        ? new Agent(task.at("/result/agentId").asText(), null, null, null, null, 0, false, List.of())
                        : null,
                verdict.isObject() ? new Verdict(verdict.path("verdict").asText(), verdict.path("method").asText(),
                        verdict.path("score").isNumber()
                                ? String.format(Locale.ROOT, "%.2f", verdict.path("score").asDouble()) : null,
                        text(verdict, "evidence")) : null,
                verdict.path("receipt").isObject() ? verdict.path("receipt").toString() : null,
                fee.isObject() ? new Cost(credits(fee, "charged"), credits(fee, "paidToAgent"),
                        credits(fee, "protocolFee"), credits(fee, "paidToJudges"), credits(fee, "refunded")) : null,
                text(hold, "until"), status.equals("HELD") && !hold.path("disputedAt").isTextual(),
                text(hold, "disputedAt"), text(task, "reason"), balanceAfter, notAgain(task));
    }

    private static String notAgain(JsonNode task) {
        java.util.Set<String> agents = new java.util.LinkedHashSet<>();
        if (task.at("/result/agentId").isTextual()) {
            agents.add(task.at("/result/agentId").asText());
        }
        task.path("calls").forEach(call -> {
            if (call.at("/result/agentId").isTextual()) {
                agents.add(call.at("/result/agentId").asText());
            }
        });
        if (agents.isEmpty()) {
            return "";
        }
        task.path("excludeAgents").forEach(id -> agents.add(id.asText()));
        return String.join(" ", agents);
    }

    static Agent agent(JsonNode agent) {
        List<String> skills = new ArrayList<>();
        agent.path("skills").forEach(skill -> skills.add(skill.path("name").asText(skill.path("id").asText())));
        return new Agent(agent.path("agentId").asText(), text(agent, "name"), text(agent, "status"),
                agent.path("price").isNumber() ? credits(agent.path("price").asLong()) : null,
                agent.path("reputation").isNumber()
                        ? String.format(Locale.ROOT, "%.2f", agent.path("reputation").asDouble()) : null,
                agent.path("verdicts").asLong(), agent.path("probation").asBoolean(), skills);
    }

    /** A conversation in the history list: the link that opens it. */
    record Conversation(String href, String title, boolean current) {
    }

    static Conversation conversation(io.lode.gateway.a2a.ContextStore.Conversation conversation, String open) {
        return new Conversation("/console/?c=" + java.net.URLEncoder.encode(conversation.contextId(),
                java.nio.charset.StandardCharsets.UTF_8), conversation.title(),
                conversation.contextId().equals(open));
    }

    /** A closed epoch: its Merkle root of every balance, and the chain of epoch hashes. */
    record Epoch(long epoch, String closedAt, String emission, String feesSettled, long accounts, String merkleRoot,
                 String previousHash, String hash) {
    }

    static Epoch epoch(JsonNode epoch) {
        return new Epoch(epoch.path("epoch").asLong(), text(epoch, "closedAt"), credits(epoch, "emission"),
                credits(epoch, "feesSettled"), epoch.path("accounts").asLong(), text(epoch, "merkleRoot"),
                text(epoch, "previousHash"), text(epoch, "hash"));
    }

    /** One posting of the caller's ledger; {@code credit}: money in. */
    record Entry(long txId, String kind, String taskId, String memo, String amount, boolean credit,
                 String occurredAt) {
    }

    static Entry entry(JsonNode entry) {
        long amount = entry.path("amount").asLong();
        return new Entry(entry.path("txId").asLong(), text(entry, "kind"), text(entry, "taskId"), text(entry, "memo"),
                (amount < 0 ? "−" : "+") + credits(Math.abs(amount)), amount >= 0, text(entry, "occurredAt"));
    }

    /**
     * An agent's page: what it says it does, what its exams found and — each null when its service did not answer —
     * its verdicts, its reputation over time and its earnings.
     */
    record AgentDetail(Agent agent, String examScore, List<Skill> skills, List<Exam> exams, List<String> reasons,
                       AgentVerdicts verdicts, ReputationOverTime history, AgentEarnings earnings) {
    }

    /** The verifier's verdicts of an agent, overall and per skill. */
    record AgentVerdicts(Standing overall, List<Standing> skills) {
    }

    record Standing(String skill, long verdicts, long passes, long failures, String score, boolean probation) {
    }

    /**
     * Hourly reputation points and the line they draw: {@code line} is an SVG polyline's points in a 600 × 100 box
     * (time across, reputation 0..1 up), drawn on the server so the page needs no script for it.
     */
    record ReputationOverTime(int days, List<ReputationPoint> points, String line) {
    }

    record ReputationPoint(String hour, String reputation, long verdicts, boolean probation) {
    }

    /** What an agent earned: in total, since the last epoch closed and in each of the latest closed epochs. */
    record AgentEarnings(Earned total, String unvested, Earned current, List<EpochEarned> epochs) {
    }

    record Earned(String work, long tasksPaid, String reviews, long reviewsPaid, String emission, String slashed) {
    }

    record EpochEarned(long epoch, String closedAt, Earned earned) {
    }

    static AgentVerdicts agentVerdicts(JsonNode verdicts) {
        if (verdicts == null) {
            return null;
        }
        List<Standing> skills = new ArrayList<>();
        verdicts.path("skills").forEach(skill -> skills.add(standing(skill)));
        return new AgentVerdicts(standing(verdicts.path("overall")), skills);
    }

    private static Standing standing(JsonNode s) {
        return new Standing(text(s, "skill"), s.path("verdicts").asLong(), s.path("passes").asLong(),
                s.path("failures").asLong(), String.format(Locale.ROOT, "%.2f", s.path("score").asDouble()),
                s.path("probation").asBoolean());
    }

    static ReputationOverTime reputationOverTime(JsonNode history, java.time.Instant now) {
        if (history == null) {
            return null;
        }
        int days = history.path("days").asInt();
        java.time.Instant from = now.minus(java.time.Duration.ofDays(days));
        double span = java.time.Duration.between(from, now).toSeconds();
        List<ReputationPoint> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (JsonNode point : history.path("points")) {
            double reputation = point.path("reputation").asDouble();
            java.time.Instant hour = java.time.Instant.parse(point.path("hour").asText());
            double x = Math.max(0, Math.min(600, java.time.Duration.between(from, hour).toSeconds() / span * 600));
            line.append(String.format(Locale.ROOT, "%s%.1f,%.1f", line.isEmpty() ? "" : " ", x,
                    100 - reputation * 100));
            points.add(new ReputationPoint(point.path("hour").asText(), String.format(Locale.ROOT, "%.2f", reputation),
                    point.path("verdicts").asLong(), point.path("probation").asBoolean()));
        }
        return new ReputationOverTime(days, points, line.toString());
    }

    static AgentEarnings agentEarnings(JsonNode earnings) {
        if (earnings == null) {
            return null;
        }
        List<EpochEarned> epochs = new ArrayList<>();
        earnings.path("epochs").forEach(epoch -> epochs.add(new EpochEarned(epoch.path("epoch").asLong(),
                text(epoch, "closedAt"), earned(epoch.path("earned")))));
        return new AgentEarnings(earned(earnings.path("total")), credits(earnings.path("unvested").asLong()),
                earned(earnings.path("current")), epochs);
    }

    private static Earned earned(JsonNode e) {
        return new Earned(credits(e.path("work").asLong()), e.path("tasksPaid").asLong(),
                credits(e.path("reviews").asLong()), e.path("reviewsPaid").asLong(),
                credits(e.path("emission").asLong()), credits(e.path("slashed").asLong()));
    }

    record Skill(String name, String description) {
    }

    record Exam(String skill, String exam, String reason) {
    }

    static AgentDetail agentDetail(JsonNode agent, JsonNode verdicts, JsonNode history, JsonNode earnings,
                                   java.time.Instant now) {
        List<Skill> skills = new ArrayList<>();
        agent.path("skills").forEach(skill -> skills.add(new Skill(skill.path("name").asText(skill.path("id").asText()),
                text(skill, "description"))));
        List<Exam> exams = new ArrayList<>();
        agent.path("exams").forEach(exam -> exams.add(new Exam(text(exam, "skill"), text(exam, "exam"),
                text(exam, "reason"))));
        List<String> reasons = new ArrayList<>();
        agent.path("reasons").forEach(reason -> reasons.add(reason.asText()));
        return new AgentDetail(agent(agent), agent.path("examScore").isNumber()
                ? String.format(Locale.ROOT, "%.2f", agent.path("examScore").asDouble()) : null, skills, exams, reasons,
                agentVerdicts(verdicts), reputationOverTime(history, now), agentEarnings(earnings));
    }

    /** A name and how many: a row of the network view. */
    record Count(String name, long count) {
    }

    /** Every field of a JSON object of counts, in its order. */
    static List<Count> counts(JsonNode counts) {
        List<Count> rows = new ArrayList<>();
        counts.fields().forEachRemaining(field -> rows.add(new Count(field.getKey(), field.getValue().asLong())));
        return rows;
    }

    /** Micro-units as credits, with no trailing zeros: 1,500,000 → "1.5 credits". */
    static String credits(long micros) {
        BigDecimal value = BigDecimal.valueOf(micros).divide(MICROS).stripTrailingZeros();
        String plain = value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
        return plain + (micros == 1_000_000 ? " credit" : " credits");
    }

    private static String credits(JsonNode node, String field) {
        return node.path(field).isNumber() ? credits(node.path(field).asLong()) : null;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
