package io.lode.cli;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one HTTP client and JSON mapper of the command line. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    /** The JSON body of an answer that must have {@code expected} status; otherwise an error naming what answered. */
    static JsonNode json(HttpResponse<String> response, int expected) throws IOException {
        if (response.statusCode() != expected) {
            throw new IOException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
