package io.lode.gateway.account;

import java.net.URI;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** The gateway's own refusals, as problem+json with the project's type URIs. */
final class Problems {

    private Problems() {
    }

    static HttpProblem.Builder builder(int status, String type, String title, String detail) {
        return HttpProblem.builder().withType(URI.create("https://lode.dev/problems/" + type)).withStatus(status)
                .withTitle(title).withDetail(detail);
    }

    static HttpProblem of(int status, String type, String title, String detail) {
        return builder(status, type, title, detail).build();
    }

    /** 401 with the challenge a client needs to see which credential is wanted. */
    static HttpProblem unauthenticated(String title, String detail, String realm) {
        return builder(401, "unauthenticated", title, detail)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"").build();
    }
}
