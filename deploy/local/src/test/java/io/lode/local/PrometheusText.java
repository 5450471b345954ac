package io.lode.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's {@code /q/metrics} as scraped: samples read by name and labels, the way a PromQL selector reads them. */
record PrometheusText(String text) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    /** A metric name as PromQL expressions write it (ours, the Kafka clients', the HTTP server's). */
    private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:lode|kafka|http)_[a-z_]+)\\b");

    static PrometheusText scrape(int managementPort) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("/q/metrics answered " + response.statusCode());
        }
        return new PrometheusText(response.body());
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (0 when there is none). */
    double sum(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(4));
            }
        }
        return sum;
    }

    double sum(String name) {
        return sum(name, Map.of());
    }

    /** Whether a family of this name is exposed (its TYPE line), whatever its samples. */
    boolean has(String name) {
        return text.lines().anyMatch(l -> l.startsWith("# TYPE " + name + " ") || l.startsWith(name + "{")
                || l.startsWith(name + " "));
    }

    /** The metric names a dashboard or rule file's expressions use. */
    static Set<String> metricNamesIn(Path file) throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher name = METRIC_NAME.matcher(Files.readString(file));
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }
}
