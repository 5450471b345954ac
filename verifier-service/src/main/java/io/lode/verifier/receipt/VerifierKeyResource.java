package io.lode.verifier.receipt;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The public key that checks verdict receipts; see {@code VerdictReceipts} for the signed text. */
@Path("/v1/verifier/keys")
public class VerifierKeyResource {

    private final ReceiptSigner signer;

    public VerifierKeyResource(ReceiptSigner signer) {
        this.signer = signer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> keys() {
        return Map.of("keys", List.of(Map.of("algorithm", "Ed25519", "publicKey", signer.publicKey(),
                "receiptFormat", "lode-receipt/v1")));
    }
}
