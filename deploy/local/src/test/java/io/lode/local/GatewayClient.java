package io.lode.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The public API of a running local network, as a test calls it. */
public final class GatewayClient {

    /** The tests' one mapper. */
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String gatewayUrl;

    public GatewayClient(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    public HttpResponse<String> send(String method, String path, String apiKey, String body) throws Exception {
        return sendBytes(method, path, apiKey, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A body of any bytes, well-formed UTF-8 or not. */
    public HttpResponse<String> sendBytes(String method, String path, String apiKey, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of a call that must answer {@code status}. */
    public JsonNode json(String method, String path, String apiKey, String body, int status) throws Exception {
        HttpResponse<String> response = send(method, path, apiKey, body);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not " + status
                    + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A new consumer account's API key. */
    public String newApiKey() throws Exception {
        return json("POST", "/v1/accounts", null, "", 201).get("apiKey").asText();
    }
}
