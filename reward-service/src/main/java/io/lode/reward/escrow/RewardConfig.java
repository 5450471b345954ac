package io.lode.reward.escrow;

import io.lode.reward.epoch.EpochClose;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the reward service ({@code LODE_REWARD_*} in the environment). */
@ConfigMapping(prefix = "lode.reward")
public interface RewardConfig {

    /** Share of each paid price that goes to the treasury, in basis points (500 = 5 %). */
    @WithDefault("500")
    long protocolFeeBasisPoints();

    /** How often an epoch closes; read by the scheduler of {@code EpochCloser}. */
    @WithDefault("1h")
    java.time.Duration epochLength();

    /** Credits minted at each epoch close and split among agents by verified value (micro-units). */
    @WithDefault("0")
    long emissionPerEpoch();

    /** Epochs an emission reward waits, unvested and slashable, before it is the agent's. */
    @WithDefault("3")
    int vestingEpochs();

    /**
     * SHA-256 (hex) of the bearer token of the admin API ({@code /admin/v1/…}); without it the admin API is off.
     * Only the hash is configured, so the token itself is in no file or environment of the service.
     */
    java.util.Optional<String> adminTokenSha256();

    /**
     * SHA-256 (hex) of the auditor's bearer token: reads every account ({@code /v1/ledger/balances}, any account's
     * entries and proofs) and nothing else. Without it only the admin token reads the whole ledger.
     */
    java.util.Optional<String> auditorTokenSha256();

    /** Most of an epoch's verified value that one consumer's traffic may count for (basis points). */
    @WithDefault("2500")
    long consumerCapBasisPoints();

    /**
     * Most an agent is minted in an epoch per micro-unit of protocol fee its counted work paid (basis points, below
     * 10,000): paying oneself from any number of accounts costs the fee and earns less than it, so washing loses.
     */
    @WithDefault("9000")
    long rewardPerFeeBasisPoints();

    /**
     * The verifier's published key list ({@code /v1/verifier/keys}): the ledger pays or slashes only on verdicts
     * whose receipts verify against it.
     */
    @WithDefault("http://127.0.0.1:8183/v1/verifier/keys")
    String verifierKeysUrl();

    /** The settings that decide an epoch's money, as the epoch close and the audit replay take them. */
    default EpochClose.Parameters parameters() {
        return new EpochClose.Parameters(emissionPerEpoch(), vestingEpochs(), consumerCapBasisPoints(),
                protocolFeeBasisPoints(), rewardPerFeeBasisPoints());
    }
}
