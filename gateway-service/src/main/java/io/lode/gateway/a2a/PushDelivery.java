package io.lode.gateway.a2a;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.egress.BlockedDestinationException;
import io.lode.egress.GuardedHttpClient;
import io.lode.egress.HttpReply;
import io.lode.egress.SsrfGuard;
import io.lode.gateway.GatewayConfig;
import io.lode.gateway.proxy.PublicApi;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pushes each task with a webhook to it whenever its A2A state changes, until the task is decided: the A2A Task
 * (v1.0 wrapped as a stream response, v0.3 as it is) with the caller's token in {@code X-A2A-Notification-Token} and
 * its credentials in {@code Authorization}. Webhooks are called only through the SSRF guard, bounded in time and
 * reply size, and retried with backoff up to {@code push.attempts}; any replica works any webhook whose lease is free.
 */
@ApplicationScoped
public class PushDelivery {

    private static final String TASKS = "/v1/tasks";
    private static final int REPLY_BYTES = 64 * 1024;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final PushConfigs configs;
    private final PublicApi api;
    private final GatewayConfig.Push settings;
    private final SsrfGuard guard;
    private final GuardedHttpClient webhooks;

    public PushDelivery(PushConfigs configs, PublicApi api, GatewayConfig config, Vertx vertx) {
        this.configs = configs;
        this.api = api;
        this.settings = config.push();
        this.guard = new SsrfGuard(settings.egressAllowList().orElse(List.of()));
        this.webhooks = new GuardedHttpClient(vertx, guard, 4);
    }

    /** Whether a webhook may be called at all (checked when it is given, so the caller hears why not at once). */
    public void check(URI url) {
        guard.resolve(url);
    }

    @Scheduled(every = "1s", delay = 5, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        try {
            for (PushConfigs.PushConfig config : configs.claimDue(50)) {
                deliver(config);
            }
        } catch (java.sql.SQLException e) {
            Log.warnf("cannot read the push notification configs: %s", e.getMessage());
        }
    }

    private void deliver(PushConfigs.PushConfig config) throws java.sql.SQLException {
        JsonNode task;
        try {
            task = api.call(null, TASKS, HttpMethod.GET, TASKS + "/" + config.taskId(), config.accountId(), Map.of(),
                    null, false).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            boolean gone = e.getCause() instanceof PublicApi.ApiProblem refused && refused.status() == 404;
            configs.failed(config, "the task cannot be read: " + e.getCause().getMessage(), POLL, gone);
            return;
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            configs.release(config, POLL);
            return;
        }
        String lodeStatus = task.path("status").asText();
        String state = A2aWire.state(lodeStatus, config.legacy());
        boolean decided = A2aWire.isDecided(lodeStatus);
        if (state.equals(config.deliveredState())) {
            if (decided) {
                configs.delivered(config, state, true);
            } else {
                configs.release(config, POLL);
            }
            return;
        }
        byte[] body = A2aWire.taskResult(A2aWire.task(task, config.contextId(), config.legacy(), true),
                config.legacy()).toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (config.token() != null) {
            headers.put("X-A2A-Notification-Token", config.token());
        }
        if (config.authScheme() != null && config.authCredentials() != null) {
            headers.put("Authorization", config.authScheme() + " " + config.authCredentials());
        }
        try {
            HttpReply reply = webhooks.post(URI.create(config.url()), headers, body, REPLY_BYTES, settings.timeout())
                    .toCompletableFuture().get(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            if (reply.status() >= 200 && reply.status() < 300) {
                configs.delivered(config, state, decided);
            } else {
                retryOrGiveUp(config, "the webhook answered " + reply.status());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BlockedDestinationException blocked) {
                // the address changed since it was given (DNS): never called, never retried
                configs.failed(config, "blocked: " + blocked.getMessage(), POLL, true);
            } else {
                retryOrGiveUp(config, e.getCause().toString());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            retryOrGiveUp(config, "the webhook did not answer within " + settings.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            configs.release(config, POLL);
        }
    }

    private void retryOrGiveUp(PushConfigs.PushConfig config, String error) throws java.sql.SQLException {
        int attempt = config.attempts() + 1;
        Duration backoff = Duration.ofSeconds(1L << Math.min(attempt - 1, 20));
        // the webhook's address is the caller's, never logged with its token or credentials
        Log.infof("push notification of %s failed (attempt %d of %d): %s", config.taskId(), attempt,
                settings.attempts(), error);
        configs.failed(config, error, backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff,
                attempt >= settings.attempts());
    }

    @PreDestroy
    void close() {
        webhooks.close();
    }
}
