package io.lode.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Load through the gateway of a local network ({@link BenchNetwork}: real broker and databases, the demo arithmetic
 * agent, honeypots off, the gateway's per-key rate limit lifted): an open loop at a fixed rate (latency measured
 * from when each task was meant to be sent, so a stall is not hidden) and a closed loop of N tasks in flight (the
 * most it sustains). Each task is timed by the network's own events (see {@link TaskTracker}) to its result and to
 * its settlement; every accepted task must settle (losses are counted). In the same run, on the same broker and
 * agent, the baselines: a raw Kafka produce → consume round trip and throughput, and a direct A2A call. Memory and
 * CPU of every process from /proc.
 */
final class LoadBench {

    private static final ObjectMapper JSON = BenchNetwork.JSON;
    private static final int KAFKA_ROUND_TRIPS = 2_000;
    private static final int KAFKA_THROUGHPUT_RECORDS = 200_000;
    private static final int DIRECT_CALLS = 1_000;
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(60);
    private static final int WARM_UP_SECONDS = Integer.getInteger("lode.bench.warmup", 45);
    /** A run of the load: tasks accepted, settled and lost, their latencies, events and process use. */
    record Phase(String name, int accepted, int refused, String lastRefusal, int settled, int failed, double seconds,
                 Histogram toResult,
                 Histogram toSettled, long events, Map<String, Double> cpuCores, Map<String, Long> memory) {

        int lost() {
            return accepted - settled;
        }

        double tasksPerSecond() {
            return settled / seconds;
        }

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    record Result(int rate, int concurrency, int seconds, Histogram kafkaRoundTrip, double kafkaEventsPerSecond,
                  Histogram direct, Map<String, Long> idleMemory, Phase open, Phase closed) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(42);
    private List<String> apiKeys;
    /** The broker's super user on the bench's network (it creates the bench's own topics). */
    private Properties kafka;
    private int next;

    Result run(int rate, int seconds, int concurrency) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("LODE_VERIFIER_HONEYPOT_SHARE", "0",
                "LODE_GATEWAY_RATE_LIMIT_REQUESTS_PER_MINUTE", "100000000"));
        // The services run with the local network's JVM options (see LocalNetwork), unless -Dlode.bench.jvm=... says.
        Optional.ofNullable(System.getProperty("lode.bench.jvm")).ifPresent(o -> settings.put("LODE_LOCAL_JVM_OPTIONS", o));
        try (BenchNetwork network = BenchNetwork.start(settings);
             TaskTracker tracker = new TaskTracker(network.kafkaClient())) {
            kafka = network.kafkaClient();
            apiKeys = List.of(network.newApiKey(), network.newApiKey(), network.newApiKey(), network.newApiKey());
            closedLoop("warm-up", tracker, network, Math.min(concurrency, 16), WARM_UP_SECONDS);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5)); // let the network settle before the idle sample
            Map<String, Long> idle = network.sample().memoryBytes();
            Histogram kafkaRoundTrip = kafkaRoundTrip();
            double kafkaThroughput = kafkaThroughput();
            Histogram direct = directCalls();
            Phase open = openLoop(tracker, network, rate, seconds);
            Phase closed = closedLoop("closed loop", tracker, network, concurrency, seconds);
            return new Result(rate, concurrency, seconds, kafkaRoundTrip, kafkaThroughput, direct, idle, open, closed);
        }
    }

    /** Tasks sent at {@code rate} a second for {@code seconds}, whatever the network's pace. */
    private Phase openLoop(TaskTracker tracker, BenchNetwork network, int rate, int seconds) throws Exception {
        PhaseRecorder recorder = new PhaseRecorder(tracker, network);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < rate * seconds; i++) {
            long intended = recorder.start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sent.add(submit(recorder, intended).thenAccept(t -> { }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        return recorder.finish("open loop at " + rate + " tasks/s for " + seconds + " s");
    }

    /** {@code inFlight} tasks at all times for {@code seconds}: each settled task makes room for the next. */
    private Phase closedLoop(String name, TaskTracker tracker, BenchNetwork network, int inFlight, int seconds)
            throws Exception {
        PhaseRecorder recorder = new PhaseRecorder(tracker, network);
        long end = recorder.start + TimeUnit.SECONDS.toNanos(seconds);
        List<CompletableFuture<Void>> slots = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            slots.add(keepBusy(recorder, end));
        }
        CompletableFuture.allOf(slots.toArray(CompletableFuture[]::new)).get(seconds + 120L, TimeUnit.SECONDS);
        return recorder.finish(name + ", " + inFlight + " tasks in flight for " + seconds + " s");
    }

    private CompletableFuture<Void> keepBusy(PhaseRecorder recorder, long end) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        return submit(recorder, System.nanoTime()).thenCompose(tracked -> tracked == null
                ? CompletableFuture.completedFuture(null) // refused: the slot stops rather than spin
                : tracked.settled.copy().orTimeout(SETTLE_WAIT.toSeconds(), TimeUnit.SECONDS)
                        .handle((at, e) -> null).thenCompose(done -> keepBusy(recorder, end)));
    }

    private CompletableFuture<TaskTracker.Tracked> submit(PhaseRecorder recorder, long intended) {
        String apiKey;
        String question;
        synchronized (this) {
            apiKey = apiKeys.get(next++ % apiKeys.size());
            question = "what is " + (2 + random.nextInt(999)) + " * " + (2 + random.nextInt(999)) + "?";
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(BenchNetwork.GATEWAY + "/v1/tasks"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + question
                        + "\",\"skill\":\"arithmetic\",\"maxPrice\":1000}")).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((reply, error) -> {
            if (error != null || reply.statusCode() != 202) {
                recorder.refused(error != null ? error.toString() : reply.statusCode() + " " + reply.body());
                return null;
            }
            try {
                return recorder.accepted(JSON.readTree(reply.body()).path("taskId").asText(), intended);
            } catch (java.io.IOException e) {
                recorder.refused("unreadable 202 body: " + reply.body());
                return null;
            }
        });
    }

    /** What one phase submitted, and at its end, what became of it. */
    private static final class PhaseRecorder {
        final long start = System.nanoTime();
        final TaskTracker tracker;
        final BenchNetwork network;
        final ProcessStats.Sample before;
        final long eventsBefore;
        final ConcurrentLinkedQueue<TaskTracker.Tracked> tasks = new ConcurrentLinkedQueue<>();
        final AtomicInteger refused = new AtomicInteger();
        volatile String lastRefusal = "";

        PhaseRecorder(TaskTracker tracker, BenchNetwork network) {
            this.tracker = tracker;
            this.network = network;
            this.before = network.sample();
            this.eventsBefore = tracker.events();
        }

        TaskTracker.Tracked accepted(String taskId, long intended) {
            TaskTracker.Tracked tracked = tracker.track(taskId, intended);
            tasks.add(tracked);
            return tracked;
        }

        void refused(String why) {
            refused.incrementAndGet();
            lastRefusal = why;
        }

        /** Waits for every accepted task to settle (at most a minute more), then sums up. */
        Phase finish(String name) throws InterruptedException {
            long giveUp = System.nanoTime() + SETTLE_WAIT.toNanos();
            for (TaskTracker.Tracked task : tasks) {
                long left = giveUp - System.nanoTime();
                try {
                    task.settled.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // counted as lost below
                }
            }
            ProcessStats.Sample after = network.sample();
            Histogram toResult = LatencyTable.histogram();
            Histogram toSettled = LatencyTable.histogram();
            int settled = 0;
            int failed = 0;
            long last = start;
            for (TaskTracker.Tracked task : tasks) {
                if (task.settled.isDone() && !task.settled.isCompletedExceptionally()) {
                    settled++;
                    long settledAt = task.settled.join();
                    last = Math.max(last, settledAt);
                    toSettled.recordValue(Math.min(Math.max(0, settledAt - task.startNanos), toSettled.getHighestTrackableValue()));
                    if (task.resultNanos > 0) {
                        toResult.recordValue(Math.min(Math.max(0, task.resultNanos - task.startNanos),
                                toResult.getHighestTrackableValue()));
                    }
                }
                failed += task.failed ? 1 : 0;
            }
            long wall = last - start;
            Map<String, Double> cores = new java.util.LinkedHashMap<>();
            after.cpu().forEach((process, cpu) -> cores.put(process,
                    (cpu.toNanos() - before.cpu().getOrDefault(process, Duration.ZERO).toNanos()) / (double) wall));
            return new Phase(name, tasks.size(), refused.get(), lastRefusal, settled, failed, wall / 1e9, toResult,
                    toSettled, tracker.events() - eventsBefore, cores, after.memoryBytes());
        }
    }

    /** Sequential produce → consume of one record at a time (acks=all), on a one-partition topic. */
    private Histogram kafkaRoundTrip() throws Exception {
        String topic = createTopic("bench.roundtrip");
        Histogram histogram = LatencyTable.histogram();
        try (KafkaProducer<byte[], byte[]> producer = producer(); KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            byte[] value = new byte[300];
            for (int i = 0; i < KAFKA_ROUND_TRIPS + 200; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, value)).get();
                int received = 0;
                while (received == 0) {
                    received = consumer.poll(Duration.ofMillis(100)).count();
                }
                if (i >= 200) {
                    histogram.recordValue(System.nanoTime() - sent);
                }
            }
        }
        return histogram;
    }

    /** Records of 300 bytes produced as fast as the broker takes them (acks=all) and consumed: records/s. */
    private double kafkaThroughput() throws Exception {
        String topic = createTopic("bench.throughput");
        try (KafkaProducer<byte[], byte[]> producer = producer(); KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            byte[] value = new byte[300];
            long start = System.nanoTime();
            for (int i = 0; i < KAFKA_THROUGHPUT_RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
            int received = 0;
            while (received < KAFKA_THROUGHPUT_RECORDS) {
                for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
                    received++;
                }
            }
            return KAFKA_THROUGHPUT_RECORDS / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The demo agent called straight over A2A, one call at a time. */
    private static Histogram directCalls() throws Exception {
        Histogram histogram = LatencyTable.histogram();
        Random random = new Random(7);
        for (int i = 0; i < DIRECT_CALLS + 100; i++) {
            String question = "what is " + (2 + random.nextInt(999)) + " * " + (2 + random.nextInt(999)) + "?";
            long start = System.nanoTime();
            OverheadBench.directCall(BenchNetwork.AGENT, question, i);
            if (i >= 100) {
                histogram.recordValue(System.nanoTime() - start);
            }
        }
        return histogram;
    }

    private String createTopic(String name) throws Exception {
        Properties props = new Properties();
        props.putAll(kafka);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "1");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    static String markdown(Result r) {
        StringBuilder out = new StringBuilder();
        out.append("Load through the gateway of a local network (demo arithmetic agent, honeypots off); baselines in the"
                + " same run on the same broker and agent\n\n");
        out.append("| run | tasks/s | submit→result p50 / p99 / p99.9 ms | submit→settled p50 / p99 / p99.9 ms "
                + "| events/s | accepted | refused | settled (failed) | lost |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Phase phase : List.of(r.open(), r.closed())) {
            out.append(String.format("| %s | %.0f | %s | %s | %,.0f | %,d | %,d | %,d (%,d) | %,d |%n", phase.name(),
                    phase.tasksPerSecond(), percentiles(phase.toResult()), percentiles(phase.toSettled()),
                    phase.eventsPerSecond(), phase.accepted(), phase.refused(), phase.settled(), phase.failed(),
                    phase.lost()));
        }
        for (Phase phase : List.of(r.open(), r.closed())) {
            if (phase.refused() > 0) {
                out.append(String.format("%n%s: the last refusal: %s%n", phase.name(), phase.lastRefusal()));
            }
        }
        out.append("\n| baseline | p50 / p99 / p99.9 ms | throughput |\n|---|---:|---:|\n");
        out.append(String.format("| raw Kafka produce → consume, one record at a time (acks=all) | %s | %,.0f records/s "
                + "(300 B, acks=all) |%n", percentiles(r.kafkaRoundTrip()), r.kafkaEventsPerSecond()));
        out.append(String.format("| direct A2A call to the demo agent | %s | |%n", percentiles(r.direct())));
        double overheadP99 = ms(r.open().toResult().getValueAtPercentile(99)) - ms(r.direct().getValueAtPercentile(99));
        out.append(String.format("%nRatios: Lode's events/s (closed loop) ÷ raw Kafka records/s = %.3f; "
                        + "p99 submit→result at %d tasks/s − p99 direct call = %.1f ms (target ≤ 50); "
                        + "most tasks/s (closed loop) = %.0f (target ≥ 500); lost tasks = %d (target 0)%n",
                r.closed().eventsPerSecond() / r.kafkaEventsPerSecond(), r.rate(), overheadP99,
                r.closed().tasksPerSecond(), r.open().lost() + r.closed().lost()));
        out.append("\n| process | memory at idle MB | memory after the closed loop MB | CPU cores, open loop "
                + "| CPU cores, closed loop |\n|---|---:|---:|---:|---:|\n");
        for (String process : r.idleMemory().keySet()) {
            out.append(String.format("| %s | %.0f | %.0f | %.2f | %.2f |%n", process, mb(r.idleMemory().get(process)),
                    mb(r.closed().memory().getOrDefault(process, 0L)), r.open().cpuCores().getOrDefault(process, 0.0),
                    r.closed().cpuCores().getOrDefault(process, 0.0)));
        }
        out.append("\nMemory: proportional set size (PSS) from /proc; PostgreSQL's processes summed.\n");
        return out.toString();
    }

    private static String percentiles(Histogram h) {
        return String.format("%.1f / %.1f / %.1f", ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
