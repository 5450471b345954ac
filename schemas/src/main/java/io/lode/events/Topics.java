package io.lode.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.lode.events.accounts.AccountOpened;
import io.lode.events.agents.AgentDeregistered;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentStatusChanged;
import io.lode.events.agents.AgentUpdated;
import io.lode.events.agents.ReputationChanged;
import io.lode.events.epochs.EpochClosed;
import io.lode.events.exams.ExamCompleted;
import io.lode.events.exams.ExamRequested;
import io.lode.events.exams.HoneypotRequested;
import io.lode.events.exams.ReviewRequested;
import io.lode.events.ledger.Deposited;
import io.lode.events.ledger.EscrowRejected;
import io.lode.events.ledger.FeeEscrowed;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.ledger.PaymentRefused;
import io.lode.events.ledger.RewardAccrued;
import io.lode.events.ledger.RewardVested;
import io.lode.events.ledger.Slashed;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskDispatched;
import io.lode.events.tasks.TaskDisputed;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskResultsCollected;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultHeld;
import io.lode.events.verdicts.ResultVerdict;

/**
 * The topic catalogue: the one place that names every topic, its key and its event types. Services, the
 * local stack (which creates the topics) and tests all read it. Channel names equal topic names, so the
 * {@link Names} constants serve {@code @Incoming} annotations too.
 */
public final class Topics {

    /** Compile-time names, for annotations and configuration keys. */
    public static final class Names {
        public static final String ACCOUNTS = "lode.accounts";
        public static final String AGENTS = "lode.agents";
        public static final String EXAMS = "lode.exams";
        public static final String TASKS = "lode.tasks";
        public static final String VERDICTS = "lode.verdicts";
        public static final String LEDGER = "lode.ledger";
        public static final String EPOCHS = "lode.epochs";
        public static final String DLQ_PREFIX = "lode.dlq.";

        /** SmallRye channel names (no dots, so they work as configuration keys): topic name with '-'. */
        public static final String ACCOUNTS_CHANNEL = "lode-accounts";
        public static final String AGENTS_CHANNEL = "lode-agents";
        public static final String EXAMS_CHANNEL = "lode-exams";
        public static final String TASKS_CHANNEL = "lode-tasks";
        public static final String VERDICTS_CHANNEL = "lode-verdicts";
        public static final String LEDGER_CHANNEL = "lode-ledger";
        public static final String EPOCHS_CHANNEL = "lode-epochs";

        private Names() {
        }
    }

    private static final int PARTITIONS = 3;
    private static final Optional<Duration> FOREVER = Optional.empty();

    public static final Topic ACCOUNTS = new Topic(Names.ACCOUNTS, "accountId",
            List.of(AccountOpened.class), PARTITIONS, FOREVER);
    public static final Topic AGENTS = new Topic(Names.AGENTS, "agentId",
            List.of(AgentRegistered.class, AgentUpdated.class, AgentStatusChanged.class, AgentDeregistered.class,
                    ReputationChanged.class), PARTITIONS, FOREVER);
    public static final Topic EXAMS = new Topic(Names.EXAMS, "agentId",
            List.of(ExamRequested.class, HoneypotRequested.class, ReviewRequested.class, ExamCompleted.class), PARTITIONS, FOREVER);
    public static final Topic TASKS = new Topic(Names.TASKS, "taskId",
            List.of(TaskSubmitted.class, TaskDispatched.class, AgentResultReceived.class, TaskResultsCollected.class,
                    TaskCompleted.class, TaskFailed.class, TaskCanceled.class, TaskDisputed.class), PARTITIONS, FOREVER);
    public static final Topic VERDICTS = new Topic(Names.VERDICTS, "taskId",
            List.of(ResultVerdict.class, ResultHeld.class), PARTITIONS, FOREVER);
    public static final Topic LEDGER = new Topic(Names.LEDGER, "taskId (escrow) or accountId",
            List.of(Deposited.class, FeeEscrowed.class, EscrowRejected.class, FeeReleased.class, PaymentRefused.class,
                    FeeRefunded.class, RewardAccrued.class, RewardVested.class, Slashed.class), PARTITIONS, FOREVER);
    public static final Topic EPOCHS = new Topic(Names.EPOCHS, "epoch",
            List.of(EpochClosed.class), 1, FOREVER);

    /** Topics that carry events, in the order a reader of the README meets them. */
    public static final List<Topic> EVENT_TOPICS = List.of(ACCOUNTS, AGENTS, EXAMS, TASKS, VERDICTS, LEDGER, EPOCHS);

    /** The services that consume events, each with its own dead-letter topic. */
    public static final List<String> CONSUMING_SERVICES = List.of(
            "registry-service", "orchestrator-service", "verifier-service", "reward-service", "gateway-service");

    private Topics() {
    }

    /** Where a service puts records it cannot decode or handle, with the reason in headers. */
    public static Topic deadLetters(String service) {
        return new Topic(Names.DLQ_PREFIX + service, "key of the failed record", List.of(), 1,
                Optional.of(Duration.ofDays(30)));
    }

    /** Every topic the network needs, dead-letter topics included. */
    public static List<Topic> all() {
        return Stream.concat(EVENT_TOPICS.stream(), CONSUMING_SERVICES.stream().map(Topics::deadLetters)).toList();
    }

    /** The topic an event type is published on. */
    public static Topic of(Class<?> eventType) {
        return EVENT_TOPICS.stream().filter(t -> t.carries(eventType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic carries " + eventType.getName()));
    }

    /** Every event type of the network. */
    public static List<Class<? extends org.apache.avro.specific.SpecificRecord>> eventTypes() {
        return EVENT_TOPICS.stream().flatMap(t -> t.eventTypes().stream()).toList();
    }
}
