package io.lode.reward.rest;

import java.net.URI;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** The reward service's RFC 7807 problems; {@code type} is https://lode.dev/problems/&lt;type&gt;. */
final class Problems {

    private Problems() {
    }

    static HttpProblem of(int status, String type, String title, String detail) {
        return builder(status, type, title, detail).build();
    }

    static HttpProblem.Builder builder(int status, String type, String title, String detail) {
        return HttpProblem.builder().withType(URI.create("https://lode.dev/problems/" + type)).withStatus(status)
                .withTitle(title).withDetail(detail);
    }
}
