package io.lode.a2a;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a Server-Sent Events body into events as its bytes arrive, in any chunking: lines end with LF, CRLF or CR,
 * {@code data:} lines of one event are joined with LF, a blank line ends the event (WHATWG HTML, "event stream
 * interpretation"). Lines are decoded as UTF-8 only once complete, so a character split between chunks survives.
 * Comments and {@code retry:} are skipped. An agent's stream is read for its data alone (an {@code event:} name, the
 * SDK's {@code error}, changes nothing: its data is a JSON-RPC reply like any other); the gateway reads a task's
 * stream for the event's name and id too.
 */
public final class SseDecoder {

    /** One event: {@code id} null when the event named none, {@code name} "message" when it named none. */
    public record Event(String id, String name, String data) {
    }

    private final Consumer<Event> events;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean afterCr;
    private String id;
    private String name;

    /** {@code events} receives each event's data. */
    public static SseDecoder ofData(Consumer<String> events) {
        return new SseDecoder(event -> events.accept(event.data()));
    }

    /** {@code events} receives each event whole. */
    public SseDecoder(Consumer<Event> events) {
        this.events = events;
    }

    public void feed(byte[] bytes) {
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
    public void finish() {
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
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> name = value;
            case "id" -> id = value;
            default -> {
                // comments (an empty field) and retry: nothing a reader here needs
            }
        }
    }

    private void dispatch() {
        if (hasData) {
            events.accept(new Event(id, name == null || name.isEmpty() ? "message" : name, data.toString()));
        }
        data.setLength(0);
        hasData = false;
        name = null;
        id = null;
    }
}
