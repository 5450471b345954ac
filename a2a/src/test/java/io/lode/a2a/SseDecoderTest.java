package io.lode.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A task's event stream read for each event's name and id as well as its data, in any chunking. */
class SseDecoderTest {

    @Test
    void eachEventKeepsItsOwnNameAndIdAndNothingLeaksIntoTheNext() {
        List<SseDecoder.Event> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(events::add);
        byte[] body = (": a comment\r\nid: 3\r\nevent: PARTIAL\r\ndata: {\"text\":\"fo\r\n\r\n"
                + "data: no name\nretry: 10\n\nid: 5\nevent: RESULT\ndata: a\ndata: b\n\n").getBytes(StandardCharsets.UTF_8);
        for (byte b : body) {
            decoder.feed(new byte[] {b}); // one byte at a time: the worst chunking
        }
        decoder.finish();
        assertThat(events).containsExactly(new SseDecoder.Event("3", "PARTIAL", "{\"text\":\"fo"),
                new SseDecoder.Event(null, "message", "no name"), new SseDecoder.Event("5", "RESULT", "a\nb"));
    }
}
