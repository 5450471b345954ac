package io.lode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one HTTP client and JSON mapper of the command line. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** How often a 429 or 503 is waited out, and the longest Retry-After waited for: beyond, the answer is final. */
    static final int MAX_WAITS = 5;
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private Http() {
    }

    /** The media type of RFC 7807 problems, as the gateway answers every refusal. */
    static final String PROBLEM_JSON = "application/problem+json";

    /**
     * Where waiting notices go: the running command line's stderr ({@link LodeCommand} sets it as each command
     * starts, so a caller capturing stderr sees them too).
     */
    static volatile PrintWriter notices = new PrintWriter(System.err, true);

    /**
     * Sends the request; a 429 or 503 with a Retry-After of at most {@link #MAX_WAIT} is sent again when that time
     * has passed (the JDK's delayed executor schedules the resend), up to {@link #MAX_WAITS} times, with a line on
     * stderr each time. Both mean the gateway refused the request without doing it (rate limit, load shedding), so
     * sending it again cannot do it twice.
     */
    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return sendAsync(request, 0).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request, int waited) {
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            Optional<Duration> wait = retryAfter(response, Instant.now());
            if (waited == MAX_WAITS || (response.statusCode() != 429 && response.statusCode() != 503)
                    || wait.isEmpty() || wait.get().compareTo(MAX_WAIT) > 0) {
                return CompletableFuture.completedFuture(response);
            }
            long millis = Math.max(wait.get().toMillis(), 1_000);
            notices.printf("lode: %s; trying again in %d s (%d of %d)%n", describe(response), millis / 1_000,
                    waited + 1, MAX_WAITS);
            return CompletableFuture.supplyAsync(() -> request,
                    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS))
                    .thenCompose(again -> sendAsync(again, waited + 1));
        });
    }

    /** Retry-After as seconds or an HTTP date, relative to {@code now}. */
    static Optional<Duration> retryAfter(HttpResponse<?> response, Instant now) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The JSON body of an answer that must have {@code expected} status; otherwise an error naming what answered. */
    static JsonNode json(HttpResponse<String> response, int expected) throws IOException {
        if (response.statusCode() != expected) {
            throw new IOException(response.request().uri().getPath() + ": " + describe(response));
        }
        return JSON.readTree(response.body());
    }

    /**
     * A failed answer in words: a problem's title and detail with its status and type (what a person reads), or the
     * status and body of anything else.
     */
    static String describe(HttpResponse<String> response) {
        String type = response.headers().firstValue("content-type").orElse("");
        if (type.startsWith(PROBLEM_JSON)) {
            try {
                JsonNode problem = JSON.readTree(response.body());
                String title = problem.path("title").asText("");
                String detail = problem.path("detail").asText("");
                String kind = problem.path("type").asText("");
                return (title.isEmpty() ? "" : title + (detail.isEmpty() ? "" : ": ")) + detail + " ("
                        + response.statusCode() + (kind.isEmpty() ? "" : ", " + kind) + ")";
            } catch (IOException notJson) {
                // described below as any other answer
            }
        }
        return response.statusCode() + (response.body().isBlank() ? "" : ": " + response.body().strip());
    }

    /** {@code path} with a query of the given name/value pairs, URL-encoded; a pair whose value is null is left out. */
    static String withQuery(String path, String... namesAndValues) {
        StringBuilder uri = new StringBuilder(path);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                uri.append(uri.indexOf("?") < 0 ? '?' : '&').append(namesAndValues[i]).append('=').append(
                        java.net.URLEncoder.encode(namesAndValues[i + 1], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return uri.toString();
    }
}
