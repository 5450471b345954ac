package io.lode.registry.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lode.semantics.TextEmbedder;

/** Which updates need a fresh exam, with the real embedding model the registry uses. */
class ExamTriggersTest {

    private static final TextEmbedder EMBEDDER = new TextEmbedder();

    @Test
    void aNewPriceANewPathOrARewordedDescriptionNeedsNoExam() {
        AgentRecord before = agent("http://agents.example:8080/a2a", "Translation",
                "Translates English text into French.");
        AgentRecord repriced = agent("http://agents.example:8080/a2a", "Translation",
                "Translates English text into French.", 5_000);
        assertThat(ExamTriggers.reasons(before, before.skillVectors(), repriced, 0.9)).isEmpty();
        assertThat(ExamTriggers.reasons(before, before.skillVectors(), agent("http://AGENTS.example:8080/v2/a2a",
                "Translation", "translates english text into french"), 0.9)).isEmpty();
    }

    @Test
    void anotherOriginIsExamined() {
        AgentRecord before = agent("http://agents.example/a2a", "Translation", "Translates English text into French.");
        for (String moved : List.of("http://other.example/a2a", "http://agents.example:8081/a2a",
                "https://agents.example/a2a")) {
            assertThat(ExamTriggers.reasons(before, before.skillVectors(), agent(moved, "Translation",
                    "Translates English text into French."), 0.9)).as(moved).singleElement().asString().startsWith("endpoint moved to another origin");
        }
        // the default port is the same origin
        assertThat(ExamTriggers.reasons(before, before.skillVectors(), agent("http://agents.example:80/a2a",
                "Translation", "Translates English text into French."), 0.9)).isEmpty();
    }

    @Test
    void aSkillThatMeansSomethingElseIsExamined() {
        AgentRecord before = agent("http://agents.example/a2a", "Translation", "Translates English text into French.");
        AgentRecord after = agent("http://agents.example/a2a", "Tax advice",
                "Explains income tax deductions and filing deadlines.");
        assertThat(ExamTriggers.reasons(before, before.skillVectors(), after, 0.9)).singleElement().asString()
                .startsWith("skill 'skill' changed its meaning");
    }

    @Test
    void aMeaningWalkedAwayInStepsIsComparedWithWhatTheExamSaw() {
        AgentRecord examined = agent("http://agents.example/a2a", "Translation", "Translates English text into French.");
        // The stored agent is already one small step on; the next step is small from there, far from the exam.
        AgentRecord current = agent("http://agents.example/a2a", "Tax advice",
                "Explains income tax deductions and filing deadlines.");
        AgentRecord next = agent("http://agents.example/a2a", "Tax advice",
                "explains income tax deductions and filing deadlines");
        assertThat(ExamTriggers.reasons(current, current.skillVectors(), next, 0.9)).isEmpty();
        assertThat(ExamTriggers.reasons(current, examined.skillVectors(), next, 0.9)).singleElement().asString()
                .startsWith("skill 'skill' changed its meaning");
    }

    private static AgentRecord agent(String endpoint, String name, String description) {
        return agent(endpoint, name, description, 1_000);
    }

    private static AgentRecord agent(String endpoint, String name, String description, long price) {
        AgentCard.Skill skill = new AgentCard.Skill("skill", name, description, List.of(), List.of());
        float[] vector = EMBEDDER.embed(TextEmbedder.skillText(name, description, List.of(), List.of()));
        return new AgentRecord("agt_x", "key", "agent", endpoint + "/card", endpoint, "1.0", false, price, "ACTIVE",
                List.of(), 1.0, List.of(), List.of(skill), List.of(vector), "digest", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                null, 0, true);
    }
}
