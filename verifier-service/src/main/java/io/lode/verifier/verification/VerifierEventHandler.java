package io.lode.verifier.verification;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.agents.AgentDeregistered;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentSkill;
import io.lode.events.agents.AgentStatusChanged;
import io.lode.events.agents.AgentUpdated;
import io.lode.events.outbox.Inbox;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.TaskDispatched;
import io.lode.events.tasks.TaskDisputed;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskResultsCollected;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.exam.ExamRepository;
import io.lode.verifier.exam.ExamRepository.StoredChallenge;
import io.lode.verifier.exam.Examiner;
import io.lode.verifier.honeypot.AgentSkills;
import io.lode.verifier.honeypot.Honeypots;
import io.lode.verifier.honeypot.TaskPhrasings;
import io.lode.semantics.TextEmbedder;
import io.lode.verifier.judging.AgreementCheck;
import io.lode.verifier.review.Judges;
import io.lode.verifier.review.Holds;
import io.lode.verifier.review.Panels;
import io.lode.verifier.judging.Judgement;
import io.lode.verifier.judging.VerificationPolicy;
import io.lode.verifier.llm.LlmJudge;
import io.lode.verifier.llm.LlmJudges;
import io.lode.verifier.receipt.ReceiptSigner;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.verifier.reputation.Evidence;
import io.lode.verifier.reputation.LinkedAccounts;
import io.lode.verifier.reputation.ReputationKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The verifier's reactions, each in one transaction with its dedupe and outgoing events: new agents are examined,
 * consumer tasks remembered, dispatches may draw a honeypot, every result is judged, and a challenge whose task
 * failed counts as failed.
 */
@ApplicationScoped
public class VerifierEventHandler {

    private final DataSource dataSource;
    private final Examiner examiner;
    private final Honeypots honeypots;
    private final ResultVerifier verifier;

    public VerifierEventHandler(DataSource dataSource, VerifierConfig config, ReceiptSigner signer) {
        SecureRandom random = new SecureRandom();
        ChallengeBank bank = new ChallengeBank(random);
        this.dataSource = dataSource;
        this.honeypots = new Honeypots(config, bank, random);
        Panels panels = new Panels(config, random, honeypots);
        Holds holds = new Holds(config.review(), random, panels);
        this.examiner = new Examiner(config, bank, random, panels);
        AgreementCheck agreement = new AgreementCheck(new TextEmbedder()::embed, config.agreementMinSimilarity());
        Optional<LlmJudge> llm = LlmJudges.fromConfig(config.llm());
        this.verifier = new ResultVerifier(VerificationPolicy.standard(agreement, llm), signer,
                new Evidence(config.reputation().challengeWeight()), new ReputationKeeper(config.reputation()),
                examiner, llm, panels, holds);
    }

    /** The exam these skills would get now ({@link Examiner#preview}): read only, nothing stored. */
    public List<Examiner.SkillPlan> previewExam(List<AgentSkill> skills) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            return examiner.preview(connection, skills);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot plan an exam preview", e);
        }
    }

    /** What the verifier does with an event, on the transaction's connection. */
    @FunctionalInterface
    private interface Reaction {
        void apply(Connection connection) throws SQLException;
    }

    @Transactional
    public void handle(SpecificRecord event) {
        Reaction reaction = reactionTo(event);
        if (reaction == null) {
            return; // nothing to change, so no inbox row either: it only guards effects
        }
        try (Connection connection = dataSource.getConnection()) {
            if (Inbox.firstDelivery(connection, VerifierEvents.PRODUCER, Envelopes.of(event).getEventId())) {
                reaction.apply(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("verification failed for " + event.getClass().getSimpleName(), e);
        }
    }

    /** The reaction to {@code event}, or null if the verifier has none (completions, reputations...). */
    private Reaction reactionTo(SpecificRecord event) {
        if (event instanceof AgentRegistered registered) {
            return connection -> {
                new AgentSkills(connection).replace(registered.getAgentId(), registered.getSkills());
                new Judges(connection).card(registered.getAgentId(), registered.getEndpoint());
                examiner.examine(connection, registered);
            };
        } else if (event instanceof AgentStatusChanged changed) {
            return connection -> new Judges(connection).status(changed.getAgentId(), changed.getStatus().name());
        } else if (event instanceof AgentDeregistered deregistered) {
            return connection -> new Judges(connection).status(deregistered.getAgentId(), "DEREGISTERED");
        } else if (event instanceof AgentUpdated updated) {
            return connection -> {
                new AgentSkills(connection).replace(updated.getAgentId(), updated.getSkills());
                new Judges(connection).card(updated.getAgentId(), updated.getEndpoint());
                if (!updated.getExamReasons().isEmpty()) {
                    examiner.examine(connection, updated);
                }
            };
        } else if (event instanceof TaskSubmitted submitted && submitted.getKind() == TaskKind.CONSUMER) {
            return connection -> {
                new KnownTasks(connection).add(submitted.getTaskId(), submitted.getSkill(), submitted.getRedundancy());
                new TaskPhrasings(connection).record(submitted.getSkill(), submitted.getInput());
            };
        } else if (event instanceof TaskDispatched dispatched) {
            return connection -> {
                if (new KnownTasks(connection).find(dispatched.getTaskId()).isPresent()) {
                    honeypots.afterDispatch(connection, dispatched);
                }
            };
        } else if (event instanceof AgentResultReceived result) {
            return connection -> verifier.verify(connection, result);
        } else if (event instanceof TaskResultsCollected collected) {
            return connection -> verifier.collected(connection, collected);
        } else if (event instanceof TaskDisputed dispute) {
            return connection -> verifier.disputed(connection, dispute);
        } else if (event instanceof TaskFailed failed) {
            return connection -> unanswered(connection, failed);
        } else if (event instanceof AccountOpened opened && opened.getOwnerKey() != null) {
            return connection -> new LinkedAccounts(connection).link(opened.getAccountId(),
                    AgentId.of(AgentKeys.decodePublic(opened.getOwnerKey())));
        }
        return null;
    }

    /** Counts reviews long overdue as answered without a score, so no panel waits for ever (every few seconds). */
    @Transactional
    public int expireReviews() {
        try (Connection connection = dataSource.getConnection()) {
            return verifier.expireReviews(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not expire overdue reviews", e);
        }
    }

    /** Pays out held answers whose hold ended unreviewed ({@link ResultVerifier#releaseHolds}; every few seconds). */
    @Transactional
    public int releaseHolds() {
        try (Connection connection = dataSource.getConnection()) {
            return verifier.releaseHolds(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not release ended holds", e);
        }
    }

    /**
     * An exam question whose task failed without any result judged counts as failed; a review whose task failed
     * counts as answered without a score.
     */
    private void unanswered(Connection connection, TaskFailed failed) throws SQLException {
        if (verifier.reviewFailed(connection, failed.getTaskId())) {
            return;
        }
        Optional<StoredChallenge> challenge = new ExamRepository(connection).challenge(failed.getTaskId());
        if (challenge.isPresent() && !challenge.get().isHoneypot() && challenge.get().verdict() == null) {
            examiner.tally(connection, challenge.get(), Judgement.fail("protocol", "no answer: " + failed.getReason()),
                    failed.getEnvelope());
        }
    }
}
