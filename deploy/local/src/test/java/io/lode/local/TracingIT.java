package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.outbox.TraceContext;

/**
 * One task, one trace: with tracing on in every service, a task submitted under a caller's W3C trace keeps that trace
 * id through every hop — the gateway, the orchestrator (TaskSubmitted, TaskDispatched, AgentResultReceived,
 * TaskCompleted), the reward service (FeeEscrowed, FeeReleased) and the verifier (ResultVerdict) — each event's
 * record on the broker carrying the {@code traceparent} of the span that wrote it (the trace the next service
 * continues); and the spans the services export (to {@link SpanReceiver}, which keeps them in memory) form that one
 * trace, each hanging from another: gateway, orchestrator, reward, the agent call, verifier, settlement. The agent is never sent a trace context: one shared by a consumer's tasks and absent from honeypots
 * would tell them apart.
 */
class TracingIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final ObjectMapper JSON = GatewayClient.JSON;

    @TempDir
    static Path dataDir;

    private static RunningNetwork running;
    private static SpanReceiver spans;

    @BeforeAll
    static void startNetwork() throws Exception {
        // every service exports its spans to a receiver in this test, which keeps them in memory
        spans = SpanReceiver.start();
        running = RunningNetwork.start(dataDir, Map.of("QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", spans.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
        if (spans != null) {
            spans.close();
        }
    }

    @Test
    void aTasksEventsInEveryServiceCarryTheCallersTraceAndTheAgentSeesNone() throws Exception {
        TestAgents.Running echo = running.agents().register("echo", new SkillCard("echo", "Echo",
                "Repeats the text it is given", List.of("echo"), List.of("Echo: hello")), 10, text -> "echo: " + text);
        await().atMost(Duration.ofSeconds(60)).until(() -> running.agents().hasStatus(echo.agentId(), "ACTIVE"));
        String apiKey = running.gateway().newApiKey();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        running.network().gatewayUrl() + "/v1/tasks?wait=verified"))
                .header("Authorization", "Bearer " + apiKey).header("content-type", "application/json")
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"Echo: follow the trace\",\"skill\":\"echo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode task = JSON.readTree(answer.body());
        assertThat(task.path("status").asText()).as(answer.body()).isEqualTo("COMPLETED");
        String taskId = task.path("taskId").asText();

        Map<String, String> traces = await().atMost(Duration.ofSeconds(30)).until(() -> tracesOf(taskId),
                found -> found.keySet().containsAll(List.of("TaskSubmitted", "TaskDispatched", "AgentResultReceived",
                        "TaskCompleted", "FeeEscrowed", "FeeReleased", "ResultVerdict")));
        assertThat(traces).allSatisfy((event, traceparent) -> assertThat(traceparent).as(event)
                .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-0[01]"));
        // spans of their own: the orchestrator's, the reward service's and the verifier's events name other spans
        assertThat(traces.values().stream().map(t -> t.split("-")[2]).distinct().count()).isGreaterThan(1);

        List<Map<String, List<String>>> calls = echo.server().received().stream()
                .map(io.lode.agents.a2a.A2aAgentServer.ReceivedRequest::headers).toList();
        assertThat(calls).isNotEmpty().allSatisfy(headers -> assertThat(headers.keySet())
                .noneMatch(h -> h.equalsIgnoreCase("traceparent") || h.equalsIgnoreCase("tracestate")));

        // and the spans the services exported: one trace, the caller's, from the gateway to the settlement
        List<SpanReceiver.Span> trace = await().atMost(Duration.ofSeconds(30)).until(() -> spans.spans().stream()
                .filter(s -> s.traceId().equals(TRACE_ID)).toList(), TracingIT::whole);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "tracing-it-spans.txt"), trace.stream()
                .map(Object::toString).collect(Collectors.joining("\n")));
        Map<String, SpanReceiver.Span> byId = trace.stream().collect(Collectors.toMap(SpanReceiver.Span::spanId,
                s -> s, (a, b) -> a));
        // every span but the gateway's first hangs from another of the same trace, or from the caller's span
        assertThat(trace).allSatisfy(span -> assertThat(span.parentSpanId().equals(CALLER_SPAN)
                || byId.containsKey(span.parentSpanId())).as(span.toString()).isTrue());
        assertThat(trace).filteredOn(s -> s.parentSpanId().equals(CALLER_SPAN)).extracting(SpanReceiver.Span::service)
                .containsOnly("gateway-service");
        // the reward service's spans: the escrow at the start and the settlement at the end
        assertThat(trace).filteredOn(s -> s.service().equals("reward-service")).hasSizeGreaterThanOrEqualTo(2);
        // the agent call is a span of the orchestrator's (its context is not sent to the agent, above)
        assertThat(trace).anySatisfy(s -> assertThat(s.service().equals("orchestrator-service")
                && s.kind().equals("SPAN_KIND_CLIENT") && s.name().startsWith("a2a ")).isTrue());
    }

    /** Every service has exported its spans of the trace, the agent call's among them, each parent with them. */
    private static boolean whole(List<SpanReceiver.Span> trace) {
        java.util.Set<String> ids = trace.stream().map(SpanReceiver.Span::spanId).collect(Collectors.toSet());
        return trace.stream().map(SpanReceiver.Span::service).collect(Collectors.toSet()).containsAll(SERVICES)
                && trace.stream().anyMatch(s -> s.name().startsWith("a2a "))
                && trace.stream().allMatch(s -> s.parentSpanId().equals(CALLER_SPAN) || ids.contains(s.parentSpanId()));
    }

    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final java.util.Set<String> SERVICES = java.util.Set.of("gateway-service",
            "orchestrator-service", "reward-service", "verifier-service");

    /** For each event type of the task on lode.tasks, lode.verdicts and lode.ledger, the trace its record carries. */
    private static Map<String, String> tracesOf(String taskId) {
        Map<String, String> traces = new java.util.TreeMap<>();
        for (String topic : List.of(Topics.TASKS.name(), Topics.VERDICTS.name(), Topics.LEDGER.name())) {
            for (ConsumerRecord<String, byte[]> record : running.topics().recordsSoFar(topic, taskId)) {
                Header header = record.headers().lastHeader(TraceContext.HEADER);
                traces.put(EventCodec.shared().decode(record.value()).getClass().getSimpleName(),
                        header == null ? "none" : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return traces;
    }
}
