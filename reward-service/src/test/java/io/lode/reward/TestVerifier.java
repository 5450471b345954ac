package io.lode.reward;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.lode.identity.VerifierKeyring;
import io.lode.reward.audit.SigningVerifier;
import io.lode.reward.receipt.VerifierKeySource;

/**
 * The reward service's tests run without a verifier service: their verdicts are signed with this key, and the
 * ledger checks receipts against it. (The real key list over HTTP: {@code PublishedVerifierKeysTest}; the whole
 * network: deploy/local.)
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestVerifier implements VerifierKeySource {

    public static final SigningVerifier SIGNER = new SigningVerifier();

    @Override
    public VerifierKeyring ringFor(String publicKey) {
        return SIGNER.keys();
    }
}
