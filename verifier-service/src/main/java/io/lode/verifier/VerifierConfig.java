package io.lode.verifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the verifier ({@code LODE_VERIFIER_*} in the environment). */
@ConfigMapping(prefix = "lode.verifier")
public interface VerifierConfig {

    /** Hidden challenges per declared skill in an onboarding exam. */
    @WithDefault("2")
    int challengesPerSkill();

    /** Share of challenges an agent must pass to become ACTIVE. */
    @WithDefault("1.0")
    double examPassRate();

    @WithDefault("10000")
    long challengeDeadlineMs();
}
