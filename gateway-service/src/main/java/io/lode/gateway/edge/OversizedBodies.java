package io.lode.gateway.edge;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The gateway's own resources (accounts, admin) read bodies through Quarkus, which refuses one over
 * {@code quarkus.http.limits.max-body-size} with an empty 413: it is answered as problem+json here (a declared
 * length up front, a streamed body when the limit trips), like the proxied routes' 413, which bound their bodies
 * themselves by {@code max-body-bytes}.
 */
@ApplicationScoped
public class OversizedBodies {

    private final MemorySize limit;

    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader("content-length");
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > limit.asLongValue()) {
                refuse(ctx);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(413, this::refuse);
    }

    private void refuse(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(413).putHeader("content-type", ProblemJson.MEDIA_TYPE)
                .putHeader("connection", "close").end(ProblemJson.body(413, "body-too-large", "Request body too large",
                        "the body is larger than " + limit.asLongValue() + " bytes"));
    }
}
