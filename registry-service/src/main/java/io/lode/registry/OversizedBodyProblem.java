package io.lode.registry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Bodies over quarkus.http.limits.max-body-size are refused before JAX-RS sees them; this says so as
 * problem+json instead of an empty 413 (declared lengths up front, streamed bodies when the limit trips).
 */
@ApplicationScoped
public class OversizedBodyProblem {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize limit;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("content-length");
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > limit.asLongValue()) {
                refuse(ctx);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(413, OversizedBodyProblem.this::refuse);
    }

    private void refuse(RoutingContext ctx) {
        ctx.response().setStatusCode(413).putHeader("content-type", "application/problem+json")
                .putHeader("connection", "close")
                .end(new JsonObject().put("type", "https://lode.dev/problems/body-too-large")
                        .put("title", "Body too large").put("status", 413)
                        .put("detail", "the request body exceeds the limit of " + limit.asLongValue() + " bytes")
                        .encode());
    }
}
