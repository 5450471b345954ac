package io.lode.verifier;

import java.nio.file.Path;
import java.util.Optional;

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

    /** Share of consumer dispatches to an agent that are followed by a honeypot for that agent. */
    @WithDefault("0.1")
    double honeypotShare();

    /**
     * A honeypot is sent at a moment drawn uniformly between 0 and this after the dispatch that drew it, so its
     * arrival is not next to a consumer call.
     */
    @WithDefault("60s")
    java.time.Duration honeypotMaxDelay();

    /** Least cosine of two free-text answers (MiniLM) for them to count as agreeing in a redundant task. */
    @WithDefault("0.75")
    double agreementMinSimilarity();

    /**
     * Exam previews and preview checks ({@code lode agent check}) one client address may ask for a minute: the
     * endpoint needs no key, and each preview plans a whole exam. Over it: 429 with Retry-After.
     */
    @WithDefault("60")
    int examPreviewsPerAddressPerMinute();

    /** A Lode key file whose key signs verdict receipts; without one the key is kept in the database. */
    Optional<Path> signingKeyFile();

    /**
     * How long the keys signed with before stay valid once a new signing key starts (a key rotation): replicas still
     * on the old key during a rolling restart keep signing receipts the ledger accepts.
     */
    @WithDefault("10m")
    java.time.Duration keyRotationOverlap();

    Reputation reputation();

    Llm llm();

    Review review();

    /** Review by judge panels (io.lode.verifier.review): work no checker covers, and exams of such skills. */
    interface Review {
        /**
         * Gold reviews sent to a judge per real review it is sent (drawn at random): 0.33 makes golds a quarter of a
         * judge's load.
         */
        @WithDefault("0.33")
        double goldsPerReview();

        /** A task priced at this or more (micro-units) is costly: its panel seats 5 judges instead of 3. */
        @WithDefault("1000000")
        long costlyPrice();

        /**
         * Optimistic payment: a single consumer answer only a panel can judge is answered at once and its fee held
         * this long. Within it the paying consumer may dispute (a panel then reviews it); after it, undisputed and
         * unreviewed work is paid as protocol-only (no reputation).
         */
        @WithDefault("1h")
        java.time.Duration hold();

        /**
         * The share of held answers a panel reviews without a dispute, drawn at random per answer (an agent in
         * probation has every answer reviewed: reviews are how it leaves probation). The simulation's figure.
         */
        @WithDefault("0.2")
        double sampleShare();
    }

    /**
     * The optional LLM judge (any OpenAI-compatible endpoint): used only when {@code base-url} is set, for consumer
     * answers nothing else can check, and audited on honeypot answers.
     */
    interface Llm {
        Optional<String> baseUrl();

        /** Read from the environment or a secret; never logged. */
        Optional<String> apiKey();

        @WithDefault("gpt-4o-mini")
        String model();

        @WithDefault("20s")
        java.time.Duration timeout();

        /** Score (0..1) from which a rated answer passes. */
        @WithDefault("0.6")
        double passScore();

        /** The judge is benched while it agrees with fewer than this share of its last audits... */
        @WithDefault("0.8")
        double minAgreement();

        /** ...over a window of this many honeypot audits. */
        @WithDefault("20")
        int auditWindow();
    }

    /** The reputation model; see ReputationModel. */
    interface Reputation {
        /** Share of old evidence kept at each new verdict. */
        @WithDefault("0.97")
        double decay();

        /** Weight of a hidden challenge's verdict; a checked, paid consumer result weighs 1. */
        @WithDefault("2")
        double challengeWeight();

        /** Checked passes an agent needs to leave probation... */
        @WithDefault("5")
        int probationPasses();

        /** ...and a pass rate whose 95% Wilson lower bound is at least this. */
        @WithDefault("0.7")
        double probationExitScore();
    }
}
