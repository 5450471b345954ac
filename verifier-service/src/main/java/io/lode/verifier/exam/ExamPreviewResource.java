package io.lode.verifier.exam;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.events.agents.AgentSkill;
import io.lode.identity.StrictJson;
import io.lode.throttle.KeyedRateLimiter;
import io.lode.trust.GatewayProofFilter;
import io.lode.trust.Problems;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.judging.Judgement;
import io.lode.verifier.verification.VerifierEventHandler;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * A dry run of the exam, for agent developers ({@code lode agent check --card-url}): which exam each skill of a card
 * would get now and why, with sample questions of that exam, and a check of an answer to one of them. Nothing is
 * stored, nothing is sent to any agent, nothing is paid: the caller runs the questions against its own agent. A
 * sample comes with what its checker expects — a fresh draw, not a question a registration will be asked — so
 * checking a sample the caller altered only fools the caller.
 */
@Path("/v1/verifier/exam-preview")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ExamPreviewResource {

    /** A card or a check larger than this is refused. */
    static final int MAX_BODY_CHARS = 64 * 1024;
    static final int MAX_SKILLS = 32;
    static final int MAX_FIELD_CHARS = 4_000;
    static final int MAX_LIST = 32;

    private final VerifierEventHandler verifier;
    private final KeyedRateLimiter perAddress;

    public ExamPreviewResource(VerifierEventHandler verifier, VerifierConfig config) {
        this.verifier = verifier;
        this.perAddress = new KeyedRateLimiter(config.examPreviewsPerAddressPerMinute(), 100_000, System::nanoTime);
    }

    /** Body: an A2A agent card (only its {@code skills} are read). */
    @POST
    public ObjectNode preview(String body, @Context HttpServerRequest http) {
        admit(http);
        List<AgentSkill> skills = skills(parse(body).path("skills"));
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        ArrayNode out = reply.putArray("skills");
        for (Examiner.SkillPlan plan : verifier.previewExam(skills)) {
            ObjectNode skill = out.addObject().put("skill", plan.skill());
            if (plan.questions().isEmpty()) {
                skill.put("exam", "none").put("reason", "not examined: only the first " + Examiner.MAX_SKILLS_EXAMINED
                        + " skills of a card are");
                continue;
            }
            Challenge.Checker checker = plan.questions().get(0).challenge().checker();
            skill.put("exam", checker.name().toLowerCase(Locale.ROOT))
                    .put("reason", plan.questions().get(0).examinedAs());
            ArrayNode questions = skill.putArray("questions");
            for (Examiner.Planned planned : plan.questions()) {
                Challenge c = planned.challenge();
                questions.addObject().put("skill", c.skill()).put("input", c.input()).put("checker", c.checker().name())
                        .put("expected", c.expected()).put("data", c.data())
                        .put("checkable", c.checker() != Challenge.Checker.PANEL);
            }
        }
        return reply;
    }

    /** Body: {@code {"question": <a question the preview gave>, "output": "<the agent's answer>"}}. */
    @POST
    @Path("/check")
    public ObjectNode check(String body, @Context HttpServerRequest http) {
        admit(http);
        JsonNode request = parse(body);
        JsonNode question = request.path("question");
        if (!question.isObject()) {
            throw Problems.invalid("question is required: one of the questions the preview gave");
        }
        Challenge.Checker checker;
        try {
            checker = Challenge.Checker.valueOf(text(question, "checker", true));
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("question.checker must be one of "
                    + java.util.Arrays.toString(Challenge.Checker.values()));
        }
        if (checker == Challenge.Checker.PANEL) {
            throw Problems.of(422, "panel-needed", "A panel scores this question",
                    "panel exam questions are scored by judges drawn when the agent registers, not by a checker");
        }
        Challenge challenge = new Challenge(text(question, "skill", true), text(question, "input", true), checker,
                text(question, "expected", false), text(question, "data", false));
        // An answer may be as long as the body allows (a summary of a long text): no field limit of its own.
        Judgement judgement = ChallengeBank.check(challenge, text(request, "output", true, MAX_BODY_CHARS));
        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("verdict", judgement.verdict().name())
                .put("score", judgement.score()).put("method", judgement.method());
        judgement.evidence().forEach(reply.putArray("evidence")::add);
        return reply;
    }

    /** Bounds previews per client address (the gateway's, which its proof vouches for) before any work. */
    private void admit(HttpServerRequest http) {
        String address = GatewayProofFilter.clientAddress(http);
        Optional<Duration> wait = perAddress.acquire(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw Problems.builder(429, "rate-limited", "Too many requests", "too many exam previews from "
                    + address + "; retry in " + seconds + " s").withHeader("Retry-After", seconds).build();
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw Problems.invalid("a JSON body is required");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw Problems.of(413, "body-too-large", "Body too large", "at most " + MAX_BODY_CHARS + " characters");
        }
        try {
            JsonNode json = StrictJson.read(body);
            if (!json.isObject()) {
                throw Problems.invalid("the body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw Problems.invalid("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static List<AgentSkill> skills(JsonNode skills) {
        if (!skills.isArray() || skills.isEmpty()) {
            throw Problems.invalid("skills is required: the card's non-empty array of skills");
        }
        if (skills.size() > MAX_SKILLS) {
            throw Problems.invalid("at most " + MAX_SKILLS + " skills");
        }
        List<AgentSkill> parsed = new ArrayList<>();
        for (JsonNode skill : skills) {
            if (!skill.isObject()) {
                throw Problems.invalid("each skill must be an object with id and name");
            }
            parsed.add(AgentSkill.newBuilder().setId(text(skill, "id", true)).setName(text(skill, "name", true))
                    .setDescription(text(skill, "description", false)).setTags(list(skill, "tags"))
                    .setExamples(list(skill, "examples")).build());
        }
        return parsed;
    }

    private static String text(JsonNode node, String field, boolean required) {
        return text(node, field, required, MAX_FIELD_CHARS);
    }

    private static String text(JsonNode node, String field, boolean required, int maxChars) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw Problems.invalid(field + " is required and must be a string");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw Problems.invalid(field + " must be a " + (required ? "non-blank " : "") + "string");
        }
        if (value.asText().length() > maxChars) {
            throw Problems.invalid(field + " is longer than " + maxChars + " characters");
        }
        return value.asText();
    }

    private static List<String> list(JsonNode skill, String field) {
        JsonNode values = skill.path(field);
        if (values.isMissingNode() || values.isNull()) {
            return List.of();
        }
        if (!values.isArray() || values.size() > MAX_LIST) {
            throw Problems.invalid(field + " must be an array of at most " + MAX_LIST + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual() || value.asText().length() > MAX_FIELD_CHARS) {
                throw Problems.invalid(field + " must hold strings of at most " + MAX_FIELD_CHARS + " characters");
            }
            out.add(value.asText());
        }
        return out;
    }
}
