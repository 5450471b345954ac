package io.lode.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The agent card extension that names the key owning an agent: an entry of {@code capabilities.extensions} with
 * this URI and {@code params.publicKey}, the base64 raw Ed25519 public key (what {@code lode keygen} prints). The
 * registry admits a card only when it names the registering key this way.
 */
public final class IdentityExtension {

    public static final String URI = "urn:lode:identity:v1";

    private IdentityExtension() {
    }

    /** The extension entry for {@code publicKey}, as a card carries it. */
    public static ObjectNode of(String publicKey) {
        ObjectNode extension = JsonNodeFactory.instance.objectNode().put("uri", URI)
                .put("description", "key that owns this agent").put("required", false);
        extension.putObject("params").put("publicKey", publicKey);
        return extension;
    }
}
