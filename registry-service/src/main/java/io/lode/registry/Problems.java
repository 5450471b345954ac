package io.lode.registry;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** The registry's RFC 7807 problems; {@code type} is https://lode.dev/problems/&lt;type&gt;. */
public final class Problems {

    private Problems() {
    }

    public static HttpProblem of(int status, String type, String title, String detail) {
        return builder(status, type, title, detail).build();
    }

    public static HttpProblem.Builder builder(int status, String type, String title, String detail) {
        return HttpProblem.builder().withType(URI.create("https://lode.dev/problems/" + type)).withStatus(status)
                .withTitle(title).withDetail(detail);
    }

    /** A malformed or incomplete request (400 invalid-request). */
    public static HttpProblem invalid(String detail) {
        return of(400, "invalid-request", "Invalid request", detail);
    }

    public static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + " is required and must be a string");
        }
        return value.asText();
    }
}
