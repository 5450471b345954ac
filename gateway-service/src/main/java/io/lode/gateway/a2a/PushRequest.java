package io.lode.gateway.a2a;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A webhook an A2A caller gives for a task: v1.0's flat {@code TaskPushNotificationConfig} ({@code id, taskId, url,
 * token, authentication{scheme, credentials}}) or v0.3's {@code {taskId, pushNotificationConfig{id, url, token,
 * authentication{schemes[], credentials}}}}, bounded and checked before anything is stored. Its credentials are sent
 * to the webhook alone and never shown back.
 */
public record PushRequest(String configId, URI url, String token, String authScheme, String authCredentials) {

    private static final int MAX_URL = 2048;
    private static final int MAX_TOKEN = 256;
    private static final int MAX_CREDENTIALS = 1024;

    /** The config as given: {@code config} is the config object itself (v1.0 params, or v0.3's nested one). */
    public static PushRequest of(JsonNode config, boolean legacy) {
        return of(config, legacy, UUID.randomUUID().toString());
    }

    /** {@code defaultId}: the config's id when it names none (a message's webhook: the same on every resend). */
    public static PushRequest of(JsonNode config, boolean legacy, String defaultId) {
        if (!config.isObject()) {
            throw Submission.invalid("a push notification config is an object with a url");
        }
        String id = Submission.id(config.path("id"), "pushNotificationConfig.id", false);
        String given = config.path("url").asText("");
        if (given.isEmpty() || given.length() > MAX_URL) {
            throw Submission.invalid("pushNotificationConfig.url is required, at most " + MAX_URL + " characters");
        }
        URI url;
        try {
            url = new URI(given);
        } catch (URISyntaxException e) {
            throw Submission.invalid("pushNotificationConfig.url is not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw Submission.invalid("pushNotificationConfig.url must be an http or https URL with a host");
        }
        String token = printable(config.path("token"), "pushNotificationConfig.token", MAX_TOKEN);
        JsonNode authentication = config.path("authentication");
        String authScheme = null;
        String credentials = null;
        if (authentication.isObject()) {
            authScheme = legacy ? authentication.path("schemes").path(0).asText(null)
                    : authentication.path("scheme").asText(null);
            credentials = printable(authentication.path("credentials"), "authentication.credentials", MAX_CREDENTIALS);
            if (authScheme == null || !authScheme.equalsIgnoreCase("Bearer") && !authScheme.equalsIgnoreCase("Basic")) {
                throw Submission.invalid("authentication scheme must be Bearer or Basic");
            }
            if (credentials == null) {
                throw Submission.invalid("authentication.credentials is required with a scheme");
            }
            authScheme = authScheme.equalsIgnoreCase("Bearer") ? "Bearer" : "Basic";
        }
        return new PushRequest(id == null ? defaultId : id, url, token, authScheme, credentials);
    }

    /** A stored config as the caller is shown it: everything but the credentials. */
    static ObjectNode shown(PushConfigs.PushConfig config, boolean legacy) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", config.configId()).put("url", config.url());
        if (config.token() != null) {
            body.put("token", config.token());
        }
        if (config.authScheme() != null) {
            if (legacy) {
                body.putObject("authentication").putArray("schemes").add(config.authScheme());
            } else {
                body.putObject("authentication").put("scheme", config.authScheme());
            }
        }
        if (!legacy) {
            return body.put("taskId", config.taskId());
        }
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode().put("taskId", config.taskId());
        wrapped.set("pushNotificationConfig", body);
        return wrapped;
    }

    private static String printable(JsonNode value, String name, int max) {
        if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        String text = value.asText();
        if (!value.isTextual() || text.length() > max || text.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw Submission.invalid(name + " must be printable text of at most " + max + " characters");
        }
        return text;
    }
}
