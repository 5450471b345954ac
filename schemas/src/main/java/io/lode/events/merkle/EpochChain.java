package io.lode.events.merkle;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.lode.events.epochs.EpochClosed;

/** The hash chain of epochs: each EpochClosed names the hash of the one before it. */
public final class EpochChain {

    /** previousHash of epoch 1. */
    public static final String GENESIS = "0".repeat(64);

    private EpochChain() {
    }

    /** SHA-256 over the epoch's content fields (not its envelope), as published for the next epoch to name. */
    public static String hash(EpochClosed epoch) {
        String content = "lode-epoch-v1|" + epoch.getEpoch() + "|" + epoch.getStartedAt() + "|" + epoch.getClosedAt()
                + "|" + epoch.getEmission() + "|" + epoch.getFeesSettled() + "|" + epoch.getAccounts() + "|"
                + epoch.getMerkleRoot() + "|" + epoch.getPreviousHash();
        return HexFormat.of().formatHex(BalanceTree.sha256(content.getBytes(StandardCharsets.UTF_8)));
    }
}
