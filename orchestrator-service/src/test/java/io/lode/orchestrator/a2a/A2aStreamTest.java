package io.lode.orchestrator.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.lode.a2a.SseDecoder;

/**
 * Streams as the official A2A JS SDK (1.3.0) serves them — SendStreamingMessage (v1.0) and message/stream (v0.3),
 * recorded from agents/interop-js/echo-agent.mjs in its -stream modes — read in any chunking.
 */
class A2aStreamTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"stream-v1.sse, 7", "stream-v03.sse, 8"})
    void readsTheSdksStreamInAnyChunking(String fixture, long requestId) throws IOException {
        byte[] body = fixture(fixture);
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<String> partials = new ArrayList<>();
            A2aStream stream = new A2aStream(requestId, partials::add);
            SseDecoder decoder = SseDecoder.ofData(stream::accept);
            for (int at = 0; at < body.length; ) {
                int size = Math.min(body.length - at, 1 + random.nextInt(round == 0 ? 1 : 300));
                byte[] chunk = new byte[size];
                System.arraycopy(body, at, chunk, 0, size);
                decoder.feed(chunk);
                at += size;
            }
            decoder.finish();

            assertThat(stream.answer()).isEqualTo("echo: hello from Lode");
            assertThat(partials).containsExactly("echo: ", "hello ", "from ", "Lode");
        }
    }

    @Test
    void aMessageIsTheWholeAnswer() {
        A2aStream stream = new A2aStream(1, piece -> { });
        stream.accept("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"message\":{\"role\":\"ROLE_AGENT\","
                + "\"parts\":[{\"text\":\"42\"}]}}}");

        assertThat(stream.answer()).isEqualTo("42");
        assertThatThrownBy(() -> stream.accept("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"statusUpdate\":{}}}"))
                .hasMessageContaining("after its answer");
    }

    @Test
    void aReplacedArtifactKeepsOnlyItsLastText() {
        A2aStream stream = new A2aStream(1, piece -> { });
        stream.accept(artifact("draft", false));
        stream.accept(artifact("final", false));
        stream.accept(status("TASK_STATE_COMPLETED"));

        assertThat(stream.answer()).isEqualTo("final");
    }

    @Test
    void refusesStreamsThatAreNotThisCallsAnswer() {
        assertThatThrownBy(() -> new A2aStream(1, p -> { }).accept(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"message\":{\"parts\":[{\"text\":\"x\"}]}}}"))
                .hasMessageContaining("request 2, not 1");
        assertThatThrownBy(() -> new A2aStream(1, p -> { }).accept("not json"))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> new A2aStream(1, p -> { }).accept(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"boom\"}}"))
                .hasMessageContaining("-32603").hasMessageContaining("boom");
        assertThatThrownBy(() -> new A2aStream(1, p -> { }).accept("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"))
                .hasMessageContaining("neither message, task");
    }

    @Test
    void aTaskThatFailsOrWantsInputFailsTheCallAtOnce() {
        A2aStream failed = new A2aStream(1, p -> { });
        failed.accept(artifact("half", false));
        assertThatThrownBy(() -> failed.accept("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"kind\":\"status-update\","
                + "\"status\":{\"state\":\"failed\",\"message\":{\"parts\":[{\"kind\":\"text\",\"text\":\"out of "
                + "memory\"}]}},\"final\":true}}")).hasMessageContaining("failed: out of memory");
        assertThatThrownBy(() -> new A2aStream(1, p -> { }).accept(status("TASK_STATE_INPUT_REQUIRED")))
                .hasMessageContaining("TASK_STATE_INPUT_REQUIRED");
    }

    @Test
    void aStreamThatStopsBeforeCompletionHasNoAnswer() {
        A2aStream stream = new A2aStream(1, p -> { });
        stream.accept(status("TASK_STATE_WORKING"));
        stream.accept(artifact("half an answ", false));

        assertThatThrownBy(stream::answer).hasMessageContaining("before the agent's task completed")
                .hasMessageContaining("TASK_STATE_WORKING");
        assertThatThrownBy(new A2aStream(1, p -> { })::answer).hasMessageContaining("before the agent's task completed");
    }

    @Test
    void theDecoderJoinsDataLinesAndAcceptsEveryLineEnd() {
        List<String> events = new ArrayList<>();
        SseDecoder decoder = SseDecoder.ofData(events::add);
        decoder.feed(": comment\r\nevent: error\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\nid: 3\rdata:x\r\r".getBytes(
                StandardCharsets.UTF_8));
        decoder.feed("data: é".getBytes(StandardCharsets.UTF_8));
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
        decoder.feed(new byte[] {euro[0]});
        decoder.feed(new byte[] {euro[1], euro[2], euro[3]});
        decoder.finish();

        assertThat(events).containsExactly("{\"a\":\n1}", "x", "é€");
    }

    private static String artifact(String text, boolean append) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"artifactUpdate\":{\"artifact\":{\"artifactId\":\"a\","
                + "\"parts\":[{\"text\":\"" + text + "\"}]},\"append\":" + append + "}}}";
    }

    private static String status(String state) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"statusUpdate\":{\"status\":{\"state\":\"" + state + "\"}}}}";
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = A2aStreamTest.class.getResourceAsStream("/a2a/" + name)) {
            return in.readAllBytes();
        }
    }
}
