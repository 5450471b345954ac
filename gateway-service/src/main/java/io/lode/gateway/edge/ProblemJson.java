package io.lode.gateway.edge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The body of every problem the gateway writes below JAX-RS (proxied routes, connection-level refusals): RFC 7807
 * with the project's type URIs, the same shape the services answer with.
 */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    public static String body(int status, String type, String title, String detail) {
        return JsonNodeFactory.instance.objectNode().put("type", "https://lode.dev/problems/" + type)
                .put("title", title).put("status", status).put("detail", detail).toString();
    }
}
