package io.lode.events.merkle;

import java.util.HexFormat;
import java.util.List;

/**
 * Proof that {@code accountId} held {@code balance} at the close of {@code epoch}: the sibling hashes from the
 * leaf to the root. {@link #verifies(String)} needs nothing but the published root.
 */
public record InclusionProof(long epoch, String accountId, long balance, List<Step> path, String root) {

    public enum Side { LEFT, RIGHT }

    /** A sibling on the way up, and on which side of the running hash it stands. */
    public record Step(Side side, String hash) {
    }

    /** True if this proof leads from the leaf to {@code publishedRoot} (hex). */
    public boolean verifies(String publishedRoot) {
        byte[] running = BalanceTree.leafHash(accountId, balance);
        try {
            for (Step step : path) {
                byte[] sibling = HexFormat.of().parseHex(step.hash());
                running = step.side() == Side.LEFT ? BalanceTree.nodeHash(sibling, running)
                        : BalanceTree.nodeHash(running, sibling);
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return HexFormat.of().formatHex(running).equalsIgnoreCase(publishedRoot);
    }
}
