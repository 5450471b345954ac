package io.lode.orchestrator.a2a;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a Server-Sent Events body into events as its bytes arrive, in any chunking: lines end with LF, CRLF or CR,
 * {@code data:} lines of one event are joined with LF, a blank line ends the event (WHATWG HTML, "event stream
 * interpretation"). Lines are decoded as UTF-8 only once complete, so a character split between chunks survives.
 * Only the data matters to a call: an {@code event:} name (the SDK's {@code error}) changes nothing, since its data
 * is a JSON-RPC reply like any other; comments, {@code id:} and {@code retry:} are skipped.
 */
final class SseDecoder {

    private final Consumer<String> events;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean afterCr;

    /** {@code events} receives each event's data. */
    SseDecoder(Consumer<String> events) {
        this.events = events;
    }

    void feed(byte[] bytes) {
        for (byte b : bytes) {
            if (afterCr && b == '\n') {
                afterCr = false;
                continue; // the LF of a CRLF
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else {
                line.write(b);
            }
        }
    }

    /** The body ended: an event not closed by a blank line is still delivered. */
    void finish() {
        if (line.size() > 0) {
            endLine();
        }
        dispatch();
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
    }

    private void dispatch() {
        if (hasData) {
            events.accept(data.toString());
        }
        data.setLength(0);
        hasData = false;
    }
}
