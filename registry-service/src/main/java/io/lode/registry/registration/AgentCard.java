package io.lode.registry.registration;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of an A2A agent card Lode needs, read from either card shape: v1.0 ({@code supportedInterfaces}
 * with a JSONRPC binding) or v0.3 (top-level {@code url} and {@code protocolVersion}).
 */
public record AgentCard(String name, String endpoint, String protocolVersion, boolean streaming, List<Skill> skills,
                        String identityKey) {

    public static final String IDENTITY_EXTENSION = io.lode.identity.IdentityExtension.URI;
    public static final int MAX_SKILLS = 32;

    public record Skill(String id, String name, String description, List<String> tags, List<String> examples) {
    }

    /** Parses a card; throws {@link InvalidCardException} naming the first thing wrong with it. */
    public static AgentCard parse(JsonNode card) {
        if (!card.isObject()) {
            throw new InvalidCardException("the agent card is not a JSON object");
        }
        String name = requiredText(card, "name", "card");
        String endpoint;
        String protocolVersion;
        JsonNode jsonRpc = null;
        for (JsonNode candidate : card.path("supportedInterfaces")) {
            if ("JSONRPC".equalsIgnoreCase(candidate.path("protocolBinding").asText())) {
                jsonRpc = candidate;
                break;
            }
        }
        if (jsonRpc != null) {
            endpoint = requiredText(jsonRpc, "url", "supportedInterfaces[JSONRPC]");
            protocolVersion = jsonRpc.path("protocolVersion").asText("1.0");
        } else if (card.hasNonNull("url")) {
            endpoint = requiredText(card, "url", "card");
            protocolVersion = card.path("protocolVersion").asText("0.3.0");
            String transport = card.path("preferredTransport").asText("JSONRPC");
            if (!transport.equalsIgnoreCase("JSONRPC")) {
                throw new InvalidCardException("card prefers transport " + transport + "; Lode calls agents over JSONRPC");
            }
        } else {
            throw new InvalidCardException("card names no JSONRPC interface (supportedInterfaces or url)");
        }
        List<Skill> skills = new ArrayList<>();
        JsonNode skillNodes = card.path("skills");
        if (!skillNodes.isArray() || skillNodes.isEmpty()) {
            throw new InvalidCardException("card declares no skills");
        }
        if (skillNodes.size() > MAX_SKILLS) {
            throw new InvalidCardException("card declares " + skillNodes.size() + " skills; the limit is " + MAX_SKILLS);
        }
        for (JsonNode skill : skillNodes) {
            skills.add(new Skill(requiredText(skill, "id", "skill"), requiredText(skill, "name", "skill"),
                    skill.hasNonNull("description") ? visible(skill.get("description").asText(), "a skill's description") : null,
                    texts(skill.path("tags")), texts(skill.path("examples"))));
        }
        return new AgentCard(name, endpoint, protocolVersion, card.path("capabilities").path("streaming").asBoolean(false),
                skills, identityKey(card));
    }

    private static String identityKey(JsonNode card) {
        for (JsonNode extension : card.path("capabilities").path("extensions")) {
            if (IDENTITY_EXTENSION.equals(extension.path("uri").asText())) {
                return extension.path("params").path("publicKey").asText(null);
            }
        }
        return null;
    }

    /**
     * A text field a reader must see: missing, blank or made only of invisible characters (zero-width, format) is
     * refused, and no text may hold a control character (a NUL would reach PostgreSQL).
     */
    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || io.lode.semantics.Texts.invisible(value.asText())) {
            throw new InvalidCardException(where + " lacks the text field '" + field + "' (it is missing, or shows "
                    + "nothing)");
        }
        return visible(value.asText(), where + " field '" + field + "'");
    }

    private static String visible(String text, String where) {
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7F)) {
            throw new InvalidCardException(where + " holds a control character");
        }
        return text;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(visible(n.asText(), "a skill's tags or examples")));
        return texts;
    }

    /** A card that does not have what Lode needs. */
    public static final class InvalidCardException extends RuntimeException {
        public InvalidCardException(String message) {
            super(message);
        }
    }
}
