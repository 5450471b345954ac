package io.lode.egress;

/** An outbound request to a place Lode must not reach (SSRF guard), with the reason. */
public class BlockedDestinationException extends RuntimeException {

    public BlockedDestinationException(String message) {
        super(message);
    }
}
