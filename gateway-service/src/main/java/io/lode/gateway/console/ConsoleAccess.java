package io.lode.gateway.console;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Consumer;

import io.lode.gateway.GatewayConfig;
import io.lode.gateway.console.ConsoleSessions.Session;
import io.lode.gateway.proxy.ReverseProxy;
import io.quarkus.logging.Log;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Who a console request acts for, and what every console response carries. Pages are served with a strict
 * Content-Security-Policy (scripts and styles from the gateway's own files only: an agent's answer that slipped
 * past the Markdown sanitiser still could not run), no framing, no referrer to other sites and no caching of what
 * they show.
 * A signed-in request is admitted like an API call of its account (rate limit, quota). A request that changes
 * anything must come from the console's own pages: its Origin (or Sec-Fetch-Site) must be this site, and, once
 * signed in, it must echo the session's CSRF token — with the cookie SameSite=Strict, a third.
 */
@ApplicationScoped
public class ConsoleAccess {

    static final String COOKIE = "lode_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "csrf";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleSessions sessions;
    private final ReverseProxy proxy;
    private final GatewayConfig config;

    public ConsoleAccess(ConsoleSessions sessions, ReverseProxy proxy, GatewayConfig config) {
        this.sessions = sessions;
        this.proxy = proxy;
        this.config = config;
    }

    void register(@Observes Router router) {
        router.route("/console/*").order(-30).handler(ConsoleAccess::headers);
    }

    private static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (!ctx.request().path().startsWith("/console/assets/")) {
            // pages show an account's tasks and money: no shared cache keeps them
            ctx.response().putHeader("Cache-Control", "no-store");
        }
        ctx.next();
    }

    /**
     * Hands {@code then} the request's session once admitted. Without one a page goes to the sign-in page and
     * anything else is answered 401; a state-changing request without this site's origin or the session's CSRF
     * token, 403.
     */
    void signedIn(RoutingContext ctx, boolean submission, Consumer<Session> then) {
        boolean changes = ctx.request().method() != HttpMethod.GET;
        if (changes && !sameOrigin(ctx)) {
            return;
        }
        String token = cookie(ctx);
        ctx.vertx().executeBlocking(() -> token == null ? Optional.<Session>empty() : sessions.find(token))
                .onComplete(found -> {
                    if (found.failed()) {
                        Log.errorf(found.cause(), "console session lookup failed");
                        ReverseProxy.problem(ctx.response(), 503, "unavailable", "Service unavailable", "cannot check the sign-in right now");
                        return;
                    }
                    if (found.result().isEmpty()) {
                        if (!changes && ctx.request().path().startsWith("/console/") && wantsPage(ctx)) {
                            ctx.response().setStatusCode(303).putHeader("Location", "/console/sign-in").end();
                        } else {
                            ReverseProxy.problem(ctx.response(), 401, "not-signed-in", "Not signed in",
                                    "sign in with an API key at /console/sign-in");
                        }
                        return;
                    }
                    Session session = found.result().get();
                    if (changes && !csrfMatches(ctx, session)) {
                        ReverseProxy.problem(ctx.response(), 403, "csrf-token-mismatch", "Request refused",
                                "this request did not come from a page of this console session (no or another "
                                        + CSRF_HEADER + ")");
                        return;
                    }
                    proxy.admitted(ctx, session::accountId, submission, "sign in again",
                            accountId -> then.accept(session));
                });
    }

    /**
     * Whether a state-changing request came from this site; answers 403 if not. Browsers send Origin with every
     * POST (and Sec-Fetch-Site); a request with neither is no browser's, and a browser is what a forged request
     * needs, since only a browser holds the cookie.
     */
    boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        boolean ok;
        if (origin != null && !origin.equals("null")) {
            ok = origin.equalsIgnoreCase(ownOrigin(ctx));
        } else if (site != null) {
            ok = site.equals("same-origin");
        } else {
            ok = origin == null; // "null" (a privacy-preserving browser) with no Sec-Fetch-Site: cannot tell
        }
        if (!ok) {
            ReverseProxy.problem(ctx.response(), 403, "cross-site-request", "Request refused",
                    "the console accepts changes from its own pages only, not from " + (origin != null ? origin : site));
        }
        return ok;
    }

    /** This site as browsers name it: the configured public URL, or the address the caller used (local). */
    private String ownOrigin(RoutingContext ctx) {
        Optional<String> configured = config.publicUrl().filter(url -> !url.isBlank());
        if (configured.isPresent()) {
            URI uri = URI.create(configured.get());
            return uri.getScheme() + "://" + uri.getRawAuthority();
        }
        return (ctx.request().isSSL() ? "https" : "http") + "://" + ctx.request().authority();
    }

    void setCookie(RoutingContext ctx, String token) {
        // written as a header: the response's own cookie jar is not sent by every path that ends a response here
        ctx.response().headers().add("Set-Cookie", Cookie.cookie(COOKIE, token).setPath("/console")
                .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(secure(ctx))
                .setMaxAge(ConsoleSessions.LIFETIME.toSeconds()).encode());
    }

    void clearCookie(RoutingContext ctx) {
        ctx.response().headers().add("Set-Cookie", Cookie.cookie(COOKIE, "").setPath("/console").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(secure(ctx)).setMaxAge(0).encode());
    }

    static String cookie(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    private boolean secure(RoutingContext ctx) {
        return ctx.request().isSSL() || config.publicUrl().filter(url -> url.startsWith("https:")).isPresent();
    }

    private static boolean csrfMatches(RoutingContext ctx, Session session) {
        String given = ctx.request().getHeader(CSRF_HEADER);
        if (given == null) {
            given = form(ctx).get(CSRF_FIELD);
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** The fields of a form the request posted ({@code application/x-www-form-urlencoded}); none for another body. */
    static java.util.Map<String, String> form(RoutingContext ctx) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        String type = ctx.request().getHeader("Content-Type");
        io.vertx.core.buffer.Buffer body = ReverseProxy.body(ctx);
        if (body == null || type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            return fields;
        }
        for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.putIfAbsent(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed escape: the field is not there
                }
            }
        }
        return fields;
    }

    private static boolean wantsPage(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept == null || accept.contains("text/html");
    }

}
