package io.lode.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream through the gateway, as a browser's EventSource would. */
final class SseClient implements AutoCloseable {

    /** One event: its id, name and data. */
    record Event(String id, String name, String data) {
    }

    private final Stream<String> lines;
    private final Iterator<String> iterator;
    final int status;

    SseClient(String url, String apiKey, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + apiKey);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        lines = response.body();
        iterator = lines.iterator();
    }

    /** Up to {@code max} events, fewer if the stream ends first. */
    List<Event> next(int max) {
        List<Event> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        while (events.size() < max && iterator.hasNext()) {
            String line = iterator.next();
            if (line.isEmpty()) {
                if (id != null || name != null || !data.isEmpty()) {
                    events.add(new Event(id, name, data.toString()));
                }
                id = null;
                name = null;
                data.setLength(0);
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                default -> { } // comments and unknown fields
            }
        }
        return events;
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
        lines.close();
    }
}
