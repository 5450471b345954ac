package io.lode.agents.review;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.identity.ReviewContract;

/** The {@code review/v1} data part of a review request, as a judge reads it (see verifier-service/README.md). */
public record ReviewData(String task, String answer, String skillId, String rubric) {

    /** The review request among a message's data parts, if it carries one. */
    public static Optional<ReviewData> of(List<JsonNode> dataParts) {
        for (JsonNode data : dataParts) {
            if (ReviewContract.DATA.equals(data.path("lode").asText()) && data.path("task").isTextual()
                    && data.path("answer").isTextual()) {
                JsonNode skill = data.path("skill");
                return Optional.of(new ReviewData(data.get("task").asText(), data.get("answer").asText(),
                        skill.isObject() ? skill.path("id").asText(null) : null, data.path("rubric").asText("")));
            }
        }
        return Optional.empty();
    }
}
