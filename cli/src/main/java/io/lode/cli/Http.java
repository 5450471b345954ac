package io.lode.cli;

import java.net.http.HttpClient;
import java.time.Duration;

/** The one HTTP client of the command line. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }
}
