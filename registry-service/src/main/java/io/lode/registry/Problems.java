package io.lode.registry;


import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** The registry's RFC 7807 problems; {@code type} is https://lode.dev/problems/&lt;type&gt;. */
public final class Problems {

    private Problems() {
    }

    public static HttpProblem of(int status, String type, String title, String detail) {
        return io.lode.trust.Problems.of(status, type, title, detail);
    }

    public static HttpProblem.Builder builder(int status, String type, String title, String detail) {
        return io.lode.trust.Problems.builder(status, type, title, detail);
    }

    /** A malformed or incomplete request (400 invalid-request). */
    public static HttpProblem invalid(String detail) {
        return io.lode.trust.Problems.invalid(detail);
    }

    public static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + " is required and must be a string");
        }
        return value.asText();
    }
}
