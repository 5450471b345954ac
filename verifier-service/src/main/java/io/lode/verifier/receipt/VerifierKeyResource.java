package io.lode.verifier.receipt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lode.identity.VerdictReceipts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The public keys that check verdict receipts, each with the period it signed in (validUntil null: the key in
 * use); see {@code VerdictReceipts} for the signed text. The ledger and {@code lode audit replay} check every
 * receipt behind a payment against this list.
 */
@Path("/v1/verifier/keys")
public class VerifierKeyResource {

    private final ReceiptSigner signer;

    public VerifierKeyResource(ReceiptSigner signer) {
        this.signer = signer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> keys() {
        List<Map<String, Object>> keys = signer.keys().stream().map(key -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("algorithm", "Ed25519");
            entry.put("publicKey", key.publicKey());
            entry.put("receiptFormat", VerdictReceipts.V3);
            entry.put("validFrom", key.validFrom().toString());
            entry.put("validUntil", key.validUntil() == null ? null : key.validUntil().toString());
            entry.put("current", key.publicKey().equals(signer.publicKey()));
            return entry;
        }).toList();
        return Map.of("keys", keys);
    }
}
