package io.lode.trust;

import java.net.URI;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The services' RFC 7807 problems, built one way: {@code type} is https://lode.dev/problems/&lt;type&gt;, a stable
 * name clients switch on; title and detail say what was wrong for a person to read.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://lode.dev/problems/";

    private Problems() {
    }

    public static HttpProblem of(int status, String type, String title, String detail) {
        return builder(status, type, title, detail).build();
    }

    public static HttpProblem.Builder builder(int status, String type, String title, String detail) {
        return HttpProblem.builder().withType(URI.create(TYPE_BASE + type)).withStatus(status).withTitle(title)
                .withDetail(detail);
    }

    /** A malformed or incomplete request (400 invalid-request). */
    public static HttpProblem invalid(String detail) {
        return of(400, "invalid-request", "Invalid request", detail);
    }
}
