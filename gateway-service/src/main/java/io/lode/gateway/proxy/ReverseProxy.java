package io.lode.gateway.proxy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lode.gateway.GatewayConfig;
import io.lode.gateway.account.AccountRepository;
import io.lode.gateway.account.ApiKeyCheck;
import io.lode.gateway.account.ApiKeys;
import io.lode.gateway.edge.ClientAddresses;
import io.lode.gateway.edge.ProblemJson;
import io.lode.identity.GatewayProofs;
import io.lode.throttle.KeyedRateLimiter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Routes the public API to the service that owns each path. Responses stream through unbuffered (so
 * Server-Sent Events pass as they come); request bodies are bounded. Task calls need an API key, whose
 * account is passed on in {@code X-Lode-Account}; agent registration is signed and stays open.
 */
@ApplicationScoped
public class ReverseProxy {

    public static final String ACCOUNT_HEADER = "X-Lode-Account";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Where {@link #readBody} leaves the request body for the forward. */
    private static final String BODY = "lode.body";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");
    /** Set by the gateway alone: a client must not name its own address (services rate-limit by it). */
    /** The caller's trace context: the gateway continues it in its own span and passes that on instead. */
    private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate", "baggage");
    private static final Set<String> FORWARDING = Set.of("forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip");
    private static final int WAITING_POOL = 1_024;

    private final GatewayConfig config;
    private final OpenTelemetry openTelemetry;
    private final AccountRepository accounts;
    private final KeyedRateLimiter perAccount;
    private final ApiKeyCheck keys;
    private final ClientAddresses clients;
    private HttpClient client;
    /**
     * Long-polls ({@code ?wait=}) and event streams hold their backend connection for as long as they wait: they get
     * a pool of their own, so they never hold the connections ordinary calls need.
     */
    private HttpClient waitingClient;
    /** Long-polls and streams each account has open now (at most {@code rate-limit.waits-per-account}). */
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    /** Ordinary requests each account has in flight now (at most {@code rate-limit.concurrent-per-account}). */
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    private final GatewayProofs proofs;
    /** The routing table, built once: the protocol endpoints look a route up on every call. */
    private final java.util.List<Route> routes;

    /** {@code proofSecret}: shared with the backends, which believe the account and client address only with it. */
    public ReverseProxy(GatewayConfig config, AccountRepository accounts, ApiKeyCheck keys, ClientAddresses clients,
                        OpenTelemetry openTelemetry, @ConfigProperty(name = "lode.gateway-proof.secret") String proofSecret) {
        this.keys = keys;
        this.clients = clients;
        this.config = config;
        this.proofs = new GatewayProofs(proofSecret);
        this.openTelemetry = openTelemetry;
        this.accounts = accounts;
        this.routes = Route.all(config);
        this.perAccount = new KeyedRateLimiter(config.rateLimit().requestsPerMinute(), 100_000, System::nanoTime);
    }

    void register(@Observes Router router, Vertx vertx) {
        waitingClient = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(WAITING_POOL).setKeepAlive(true)
                .setConnectTimeout(2_000));
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setConnectTimeout(2_000));
        for (Route route : routes) {
            router.route(route.prefix() + "*").order(-10)
                    .handler(ReverseProxy::refuseControlCharacters)
                    .handler(this::readBody)
                    .handler(ctx -> authenticateThenForward(ctx, route))
                    .failureHandler(this::failed);
        }
    }

    /**
     * Serves {@code path} (and what is under it) with {@code handler} behind the guards every public route has: no
     * control characters in the target, the body bounded and well-formed UTF-8, read whole ({@link #body}).
     */
    public void mount(Router router, String path, io.vertx.core.Handler<RoutingContext> handler) {
        guarded(router.route(path), handler);
    }

    /** {@link #mount} for one method. */
    public void mount(Router router, HttpMethod method, String path, io.vertx.core.Handler<RoutingContext> handler) {
        guarded(router.route(method, path), handler);
    }

    private void guarded(io.vertx.ext.web.Route route, io.vertx.core.Handler<RoutingContext> handler) {
        route.order(-10)
                .handler(ReverseProxy::refuseControlCharacters)
                .handler(this::readBody)
                .handler(handler)
                .failureHandler(this::failed);
    }

    /** The body {@link #mount} read, or null when there was none. */
    public static Buffer body(RoutingContext ctx) {
        return ctx.get(BODY);
    }

    /**
     * Reads the request body, at most {@code max-body-bytes} (413 beyond), as bytes: the gateway forwards bodies as
     * they came and never decodes forms or multipart itself (Vert.x's BodyHandler would, and fail on junk).
     */
    private void readBody(RoutingContext ctx) {
        int limit = config.maxBodyBytes();
        String declared = ctx.request().getHeader("content-length");
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                && Long.parseLong(declared) > limit) {
            tooLarge(ctx);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        ctx.request().handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                tooLarge(ctx);
                return;
            }
            body.appendBuffer(chunk);
        });
        ctx.request().exceptionHandler(error -> {
            if (!refused[0]) {
                refused[0] = true;
                problem(ctx.response(), 400, "bad-request", "Bad request", "the request body could not be read");
            }
        });
        ctx.request().endHandler(end -> {
            if (refused[0]) {
                return;
            }
            if (body.length() > 0 && io.lode.identity.StrictJson.utf8(body.getBytes()).isEmpty()) {
                // every body of the API is JSON, which is UTF-8 (RFC 8259); a lenient decoder behind the gateway
                // would read overlong forms as other characters
                problem(ctx.response(), 400, "invalid-utf8", "Invalid UTF-8", "the body is not well-formed UTF-8");
                return;
            }
            ctx.put(BODY, body.length() == 0 ? null : body);
            ctx.next();
        });
    }

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader("connection", "close");
        problem(ctx.response(), 413, "body-too-large", "Request body too large",
                "the body is larger than " + config.maxBodyBytes() + " bytes");
    }

    /** A request the gateway could not read: too large, or a body its content type promised but did not hold. */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status == 413) {
            problem(ctx.response(), 413, "body-too-large", "Request body too large",
                    "the body is larger than " + config.maxBodyBytes() + " bytes");
        } else if (status >= 400 && status < 500) {
            problem(ctx.response(), status, "bad-request", "Bad request", "the request cannot be read as sent"
                    + (ctx.failure() == null ? "" : ": " + ctx.failure().getMessage()));
        } else {
            Log.errorf(ctx.failure(), "gateway failure for %s %s", ctx.request().method(), ctx.request().path());
            problem(ctx.response(), 500, "internal", "Internal error", "see the logs");
        }
    }

    /**
     * Control characters (NUL above all) have no place in an id or a query, and PostgreSQL refuses a NUL in text:
     * they are refused here, once for every service; so is a target that is not a path.
     */
    private static void refuseControlCharacters(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (!uri.startsWith("/")) {
            // absolute-form ("GET http://host/v1/…"): only proxies are sent those; it used to hang a keyed route
            problem(ctx.response(), 400, "bad-request", "Bad request", "the request target must be a path "
                    + "(origin-form), not " + (uri.length() > 40 ? uri.substring(0, 40) + "…" : uri));
            return;
        }
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(uri.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            problem(ctx.response(), 400, "bad-request", "Bad request", "the URL is not validly percent-encoded");
            return;
        }
        if (decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            problem(ctx.response(), 400, "bad-request", "Bad request", "the URL holds control characters");
            return;
        }
        ctx.next();
    }

    /**
     * Keyed routes need an API key. On open routes a key is optional: with one, the backend learns whose request it
     * is (the owner reading its own ledger account); a bearer token that is no API key (the auditor's) passes
     * through to the backend, which judges it. API keys themselves never leave the gateway.
     */
    private void authenticateThenForward(RoutingContext ctx, Route route) {
        String authorization = ctx.request().getHeader("Authorization");
        if (!route.authenticated() && ApiKeys.fromAuthorization(authorization) == null) {
            forward(ctx, route, null, authorization);
            return;
        }
        boolean submission = ctx.request().method() == HttpMethod.POST && ctx.request().path().equals("/v1/tasks");
        authenticate(ctx, submission, accountId -> forward(ctx, route, accountId, null));
    }

    /**
     * Hands {@code then} the account of the request's API key once its rate limit (and, for a task
     * {@code submission}, its daily quota) admits it; otherwise answers the request itself with the problem (401, 429
     * with Retry-After, 503). Every keyed entry of the gateway goes through here: the API routes, A2A and MCP.
     */
    public void authenticate(RoutingContext ctx, boolean submission, Consumer<String> then) {
        String key = ApiKeys.fromAuthorization(ctx.request().getHeader("Authorization"));
        if (key == null) {
            problem(ctx.response(), 401, "unauthenticated", "API key required",
                    "send Authorization: Bearer <apiKey> (create one with POST /v1/accounts)");
            return;
        }
        String clientAddress = clients.of(ctx.request());
        Optional<Duration> guessing = keys.guessing(clientAddress);
        if (guessing.isPresent()) {
            ctx.response().putHeader("Retry-After", Long.toString(ApiKeyCheck.retryAfterSeconds(guessing.get())));
            problem(ctx.response(), 429, "unknown-keys-rate-limited", "Too many unknown API keys",
                    keys.guessingDetail());
            return;
        }
        admitted(ctx, () -> keys.accountOf(key, clientAddress).orElse(null), submission,
                "this API key is unknown or revoked", then);
    }

    /**
     * Hands {@code then} the account {@code lookup} finds (blocking: a database read) once its rate limit and, for a
     * task {@code submission}, its daily quota admit it; 401 with {@code unknown} when it finds none. The console's
     * signed-in requests go through here as the API's keyed ones do, so a browser has the allowance a key has.
     */
    public void admitted(RoutingContext ctx, java.util.concurrent.Callable<String> lookup, boolean submission,
                         String unknown, Consumer<String> then) {
        ctx.vertx().executeBlocking(() -> admit(lookup.call(), submission)).onComplete(admission -> {
            if (admission.failed()) {
                Log.errorf(admission.cause(), "API key lookup failed");
                problem(ctx.response(), 503, "unavailable", "Service unavailable", "cannot check API keys right now");
                return;
            }
            Admission admitted = admission.result();
            if (admitted.accountId() == null) {
                problem(ctx.response(), 401, "unauthenticated", "API key required", unknown);
            } else if (admitted.retryAfter() != null) {
                ctx.response().putHeader("Retry-After", Long.toString(ApiKeyCheck.retryAfterSeconds(admitted.retryAfter())));
                problem(ctx.response(), 429, admitted.quota() ? "quota-exceeded" : "rate-limited",
                        admitted.quota() ? "Daily task quota used up" : "Too many requests", admitted.quota()
                                ? "this account may submit " + config.quota().tasksPerDay() + " tasks a day (UTC)"
                                : "at most " + config.rateLimit().requestsPerMinute() + " requests a minute per key");
            } else {
                then.accept(admitted.accountId());
            }
        });
    }

    /**
     * Counts one task submission against the account's daily quota (none: always true): for the protocol endpoints
     * whose submissions the route of {@code POST /v1/tasks} does not see, so that an MCP tool call is a task of the
     * quota like any other.
     */
    public Future<Boolean> countSubmission(RoutingContext ctx, String accountId) {
        int perDay = config.quota().tasksPerDay();
        if (perDay <= 0) {
            return Future.succeededFuture(true);
        }
        return ctx.vertx().executeBlocking(() -> accounts.countTask(accountId, perDay));
    }

    /** Who the key belongs to, and whether its rate limit and, for a task submission, its daily quota allow it. */
    private Admission admit(String accountId, boolean submission) throws SQLException {
        if (accountId == null) {
            return new Admission(null, null, false);
        }
        Optional<Duration> wait = perAccount.acquire(accountId);
        if (wait.isPresent()) {
            return new Admission(accountId, wait.get(), false);
        }
        int perDay = config.quota().tasksPerDay();
        if (submission && perDay > 0 && !accounts.countTask(accountId, perDay)) {
            Instant now = Instant.now();
            Instant midnight = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            return new Admission(accountId, Duration.between(now, midnight), true);
        }
        return new Admission(accountId, null, false);
    }

    /** The account of a key (null: unknown), and how long it must wait (null: admitted). */
    private record Admission(String accountId, Duration retryAfter, boolean quota) {
    }

    /** A request that waits for the task (long-poll) or streams its events. */
    private static boolean waits(RoutingContext ctx) {
        return ctx.request().path().endsWith("/events") || ctx.request().getParam("wait") != null;
    }

    /**
     * Counts one more open request of an account in {@code open}; false (and nothing counted) beyond {@code limit}.
     * The count goes down when the answer ends or the client goes away, so a client cannot leak its own allowance.
     */
    private static boolean admitOpen(RoutingContext ctx, String accountId, Map<String, AtomicInteger> open, int limit) {
        AtomicInteger count = open.computeIfAbsent(accountId, k -> new AtomicInteger());
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            return false;
        }
        ctx.addEndHandler(ended -> {
            if (count.decrementAndGet() == 0) {
                open.remove(accountId, count);
            }
        });
        return true;
    }

    private void forward(RoutingContext ctx, Route route, String accountId, String authorization) {
        boolean waits = waits(ctx);
        if (accountId != null && !holdOpen(ctx, accountId, waits)) {
            return;
        }
        String requestId = requestId(ctx);
        RequestOptions options = signed(ctx, route, ctx.request().method(), ctx.request().uri(), accountId, requestId);
        ctx.request().headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !FORWARDING.contains(name) && !TRACE_CONTEXT.contains(name)
                    && !name.equals("authorization") && !name.equals("x-lode-account")
                    && !name.equals(REQUEST_ID_HEADER.toLowerCase(Locale.ROOT))
                    && !name.equals(GatewayProofs.HEADER.toLowerCase(Locale.ROOT))) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        HttpServerResponse response = ctx.response();
        (waits ? waitingClient : client).request(options)
                .compose(request -> {
                    // a client that goes away before the answer frees the backend connection at once
                    response.closeHandler(closed -> request.reset());
                    return ctx.<Buffer>get(BODY) == null ? request.send() : request.send(ctx.<Buffer>get(BODY));
                })
                .onSuccess(backendResponse -> relay(backendResponse, response, requestId, route))
                .onFailure(error -> {
                    Log.warnf("backend %s failed for %s %s: %s", route.backend(), ctx.request().method(),
                            ctx.request().path(), error.toString());
                    boolean timeout = error.getClass().getSimpleName().contains("Timeout");
                    problem(response, timeout ? 504 : 503, timeout ? "backend-timeout" : "backend-unavailable",
                            timeout ? "Backend timed out" : "Backend unavailable",
                            "the service behind " + route.prefix() + (timeout ? " did not answer in time"
                                    : " cannot be reached: " + error.getMessage()));
                });
    }

    /**
     * Counts the request against its account's open requests until it ends: long-polls and streams ({@code waits})
     * against {@code waits-per-account}, others against {@code concurrent-per-account}. False, and a 429 answered,
     * beyond them.
     */
    public boolean holdOpen(RoutingContext ctx, String accountId, boolean waits) {
        if (waits && !admitOpen(ctx, accountId, waiting, config.rateLimit().waitsPerAccount())) {
            ctx.response().putHeader("Retry-After", "1");
            problem(ctx.response(), 429, "too-many-waits", "Too many waiting requests",
                    "an account may hold " + config.rateLimit().waitsPerAccount() + " long-polls and event streams "
                            + "at once; this one would be more");
            return false;
        }
        if (!waits && !admitOpen(ctx, accountId, inFlight, config.rateLimit().concurrentPerAccount())) {
            ctx.response().putHeader("Retry-After", "1");
            problem(ctx.response(), 429, "too-many-concurrent-requests", "Too many requests at once",
                    "an account may have " + config.rateLimit().concurrentPerAccount() + " requests in flight at once "
                            + "(long-polls and event streams apart); this one would be more");
            return false;
        }
        return true;
    }

    /**
     * A call of the gateway's own to the service behind {@code prefix} on behalf of {@code accountId} (the A2A and
     * MCP endpoints translate their protocol into the public API this way): signed like a forwarded request, JSON in
     * and out, the response's body left to read. {@code waits}: a long-poll or a stream, on the waiting pool.
     * {@code ctx} null: a call of the gateway's own with no request behind it.
     */
    public Future<HttpClientResponse> call(RoutingContext ctx, String prefix, HttpMethod method, String uri,
                                           String accountId, Map<String, String> headers, Buffer body,
                                           boolean waits) {
        Route route = routes.stream().filter(r -> r.prefix().equals(prefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route " + prefix));
        RequestOptions options = signed(ctx, route, method, uri, accountId, requestId(ctx));
        headers.forEach(options::putHeader);
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return (waits ? waitingClient : client).request(options)
                .compose(request -> body == null ? request.send() : request.send(body));
    }

    private static String requestId(RoutingContext ctx) {
        String given = ctx == null ? null : ctx.request().getHeader(REQUEST_ID_HEADER);
        return given != null ? given : UUID.randomUUID().toString();
    }

    /**
     * A request to the route's service carrying what the service may believe about the caller only with the proof:
     * the account, the client's address, the request id and the trace context.
     */
    private RequestOptions signed(RoutingContext ctx, Route route, HttpMethod method, String uri, String accountId,
                                  String requestId) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(route.backend() + uri)
                .setIdleTimeout(route.timeout().toMillis());
        options.putHeader(REQUEST_ID_HEADER, requestId);
        // ctx null: the gateway's own call, no client behind it (push notifications)
        if (ctx != null) {
            traceContext(ctx).forEach(options::putHeader);
        }
        String clientAddress = ctx == null ? "127.0.0.1" : clients.of(ctx.request());
        options.putHeader("X-Forwarded-For", clientAddress);
        if (accountId != null) {
            options.putHeader(ACCOUNT_HEADER, accountId);
        }
        // What the backend believes about the caller holds only with this proof (lode-gateway-trust).
        options.putHeader(GatewayProofs.HEADER, proofs.sign(Instant.now(), method.name(), uri, accountId,
                clientAddress));
        return options;
    }

    /**
     * With tracing on, the gateway's span (a child of the caller's trace, if it sent one); with tracing off, the
     * caller's trace context as it came, so the trace continues behind the gateway either way.
     */
    private Map<String, String> traceContext(RoutingContext ctx) {
        Map<String, String> context = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), context, Map::put);
        if (context.isEmpty()) {
            TRACE_CONTEXT.forEach(name -> {
                String value = ctx.request().getHeader(name);
                if (value != null) {
                    context.put(name, value);
                }
            });
        }
        return context;
    }

    /**
     * A backend's Location names its own internal address (JAX-RS makes a relative location absolute against the
     * request it got): the client is given the path alone, which resolves against the public URL it called.
     */
    static String publicLocation(String location, Route route) {
        try {
            java.net.URI uri = java.net.URI.create(location);
            java.net.URI backend = java.net.URI.create(route.backend());
            if (uri.isAbsolute() && java.util.Objects.equals(uri.getRawAuthority(), backend.getRawAuthority())) {
                return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            }
        } catch (IllegalArgumentException e) {
            // not a URI: passed on as the backend wrote it
        }
        return location;
    }

    private static void relay(HttpClientResponse backendResponse, HttpServerResponse response, String requestId,
                              Route route) {
        if (response.ended() || response.closed()) {
            return;
        }
        String type = backendResponse.getHeader("content-type");
        if (backendResponse.statusCode() >= 400 && (type == null || !type.startsWith(ProblemJson.MEDIA_TYPE))) {
            asProblem(backendResponse, response, requestId);
            return;
        }
        response.setStatusCode(backendResponse.statusCode());
        backendResponse.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("location")) {
                response.putHeader(h.getKey(), publicLocation(h.getValue(), route));
            } else if (!HOP_BY_HOP.contains(name)) {
                response.putHeader(h.getKey(), h.getValue());
            }
        });
        response.putHeader(REQUEST_ID_HEADER, requestId);
        String length = backendResponse.getHeader("content-length");
        if (length != null) {
            response.putHeader("content-length", length);
        } else {
            response.setChunked(true);
        }
        // A client that goes away (an event stream it drops) frees the backend's side too.
        response.closeHandler(closed -> backendResponse.request().connection().close());
        backendResponse.pipeTo(response);
    }

    /**
     * A service's error that is not problem+json (a framework's bare 400, 404 or 405) reaches the client as one, so
     * that every error of the public API has the same shape; what the service said becomes the detail.
     */
    private static void asProblem(HttpClientResponse backendResponse, HttpServerResponse response, String requestId) {
        int status = backendResponse.statusCode();
        backendResponse.body().onComplete(body -> {
            String said = body.succeeded() ? body.result().toString(java.nio.charset.StandardCharsets.UTF_8).strip() : "";
            response.putHeader(REQUEST_ID_HEADER, requestId);
            problem(response, status, "http-" + status, io.netty.handler.codec.http.HttpResponseStatus.valueOf(status)
                    .reasonPhrase(), said.isEmpty() ? "the service answered " + status
                    : said.length() > 500 ? said.substring(0, 500) + "…" : said);
        });
    }

    /** Answers {@code response} with a problem+json (nothing if it is already answered). */
    public static void problem(HttpServerResponse response, int status, String type, String title, String detail) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status).putHeader("content-type", ProblemJson.MEDIA_TYPE);
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"lode\"");
        }
        response.end(ProblemJson.body(status, type, title, detail));
    }
}
