package io.lode.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.lode.events.Envelopes;
import io.lode.events.codec.EventCodec;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskKind;
import io.lode.orchestrator.routing.Router;
import io.lode.orchestrator.routing.SkillIndex;
import io.lode.registry.search.AgentSearchIndex;
import io.lode.reward.audit.AuditReplay;
import io.lode.reward.audit.LoggedEvent;
import io.lode.reward.audit.SimulatedNetwork;
import io.lode.reward.escrow.ReceiptCheck;

/**
 * JMH micro-benchmarks of the hot spots, each on the production classes: an event's Avro encoding and decoding
 * (every hop), routing among 10,000 agents (every dispatch), registry search among 10,000 agents (every
 * {@code ?q=}), and the audit replay of a 10,000-task log (per event). Epoch close needs PostgreSQL, so it is
 * measured by {@code lode-bench epoch-close} instead. Run with {@code java -jar bench/target/lode-bench.jar jmh}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Djava.util.logging.manager=org.jboss.logmanager.LogManager")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HotSpots {

    private static final int AGENTS = 10_000;

    private AgentResultReceived result;
    private byte[] encodedResult;
    private SkillIndex skillIndex;
    private AgentSearchIndex searchIndex;
    private float[] task;
    private List<LoggedEvent> log;
    private ReceiptCheck receipts;
    private int taskNumber;

    @Setup(Level.Trial)
    public void setUp() {
        result = AgentResultReceived.newBuilder().setEnvelope(Envelopes.next("bench", "tsk_1", null))
                .setTaskId("tsk_0123456789abcdef").setKind(TaskKind.CONSUMER).setAgentId("agt_" + "a".repeat(32))
                .setAccountId("acc_0123456789abcdef").setPrice(1_000).setInput("what is 17 * 23?")
                .setOutcome(CallOutcome.OK).setOutput("391").setMediaType("text/plain").setLatencyMicros(7_570)
                .setRequestDigest("0".repeat(64)).setResponseDigest("f".repeat(64)).build();
        encodedResult = EventCodec.shared().encode(result);
        SkillCorpus corpus = new SkillCorpus(AGENTS, 42);
        skillIndex = SkillIndex.of(RoutingBench.agents(corpus, AGENTS));
        searchIndex = SearchBench.index(new SkillCorpus(AGENTS, 42), AGENTS);
        task = corpus.embedder.embed(SkillCorpus.ARITHMETIC_QUERY);
        SimulatedNetwork network = new SimulatedNetwork(42, ReplayBench.PARAMETERS);
        log = network.run(2_000, 200, 10_000, 500);
        receipts = ReceiptCheck.against(network.verifierKeys());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] encodeEvent() {
        return EventCodec.shared().encode(result);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object decodeEvent() {
        return EventCodec.shared().decode(encodedResult);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Router.Ranked> routeAmong10000Agents() {
        return Router.rank(skillIndex, new Router.Request("tsk_" + taskNumber++, task, null, 1_000, Set.of()),
                RoutingBench.DEFAULTS, RoutingBench.ALL_IDLE);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public AgentSearchIndex.Page searchAmong10000Agents() {
        return searchIndex.search(SearchBench.query(task));
    }

    /** One replay of the whole log; events/s = log size ÷ the time per operation. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AuditReplay.Report replayTenThousandTasks() {
        return new AuditReplay(ReplayBench.PARAMETERS, receipts).replay(log);
    }
}
