package io.lode.registry.signing;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request whose Ed25519 signature checked out: the agent it speaks for and its replay-protection fields. */
public record SignedAgentRequest(String agentId, String publicKey, String nonce, Instant expiresAt, ObjectNode body) {
}
