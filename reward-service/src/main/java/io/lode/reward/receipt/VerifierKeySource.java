package io.lode.reward.receipt;

import io.lode.identity.VerifierKeyring;

/** Where the ledger learns the verifier's keys, to check the receipts behind payments and slashes. */
public interface VerifierKeySource {

    /** A keyring to check a receipt signed with {@code publicKey}: fresh if the one at hand does not know the key. */
    VerifierKeyring ringFor(String publicKey);
}
