package io.lode.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An agent's key pair on disk: {@code {"publicKey": ..., "privateKey": ...}}, readable by its owner only. */
public final class KeyFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyFile() {
    }

    public static void write(Path file, KeyPair keys) throws IOException {
        ObjectNode node = JSON.createObjectNode()
                .put("agentId", AgentId.of(keys.getPublic()))
                .put("publicKey", AgentKeys.encodePublic(keys.getPublic()))
                .put("privateKey", AgentKeys.encodePrivate(keys.getPrivate()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the ACL of the user's folder applies.
        }
    }

    public static KeyPair read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        if (!node.hasNonNull("publicKey") || !node.hasNonNull("privateKey")) {
            throw new IOException(file + " is not a Lode key file (needs publicKey and privateKey)");
        }
        return new KeyPair(AgentKeys.decodePublic(node.get("publicKey").asText()),
                AgentKeys.decodePrivate(node.get("privateKey").asText()));
    }
}
