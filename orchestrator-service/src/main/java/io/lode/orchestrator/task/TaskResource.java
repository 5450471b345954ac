package io.lode.orchestrator.task;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.lode.events.Envelopes;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskDisputed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.orchestrator.OrchestratorConfig;
import io.lode.throttle.KeyedRateLimiter;
import io.lode.trust.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Consumers' tasks. The gateway authenticates the API key and passes the account in {@code X-Lode-Account};
 * this service is not exposed on its own.
 */
@Path("/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    public static final String ACCOUNT_HEADER = "X-Lode-Account";
    private static final Duration RECHECK = Duration.ofMillis(250);
    private static final Duration STREAM_AFTER_DEADLINE = Duration.ofSeconds(60);
    private static final int MAX_STREAMS = 512;
    private static final int MAX_DISPUTE_REASON = 500;
    /** How the reason of a task refused by the ledger begins (see TaskEventHandler). */
    public static final String ESCROW_REJECTED = "escrow rejected";

    private final DataSource dataSource;
    private final OrchestratorConfig config;
    private final TaskWaiters waiters;
    private final LoadShedding loadShedding;
    private final KeyedRateLimiter disputes;
    /**
     * Event streams run here, not on the request's worker thread: the endpoint method returns at once and the stream
     * ends (its sink closed) after it — closing the sink inside the method made the framework write the finished
     * response again and log two errors for every stream — and long streams cannot take the workers ordinary calls
     * need. Bounded: beyond it a new stream is 503 with Retry-After.
     */
    private final java.util.concurrent.ThreadPoolExecutor streams = new java.util.concurrent.ThreadPoolExecutor(0,
            MAX_STREAMS, 30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
            TaskResource::streamThread);
    private static final java.util.concurrent.atomic.AtomicInteger STREAM_THREADS =
            new java.util.concurrent.atomic.AtomicInteger();

    public TaskResource(DataSource dataSource, OrchestratorConfig config, TaskWaiters waiters,
                        LoadShedding loadShedding) {
        this.dataSource = dataSource;
        this.config = config;
        this.waiters = waiters;
        this.loadShedding = loadShedding;
        this.disputes = new KeyedRateLimiter(config.disputesPerAccountPerMinute(), 100_000, System::nanoTime);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "202",
            description = "Taken: the task as it stands (Location: the task); a retry with the same Idempotency-Key "
                    + "and body answers the same task (Idempotent-Replayed: true)", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TaskView.class)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
            description = "With ?wait=result or ?wait=verified: the task once it reached that point (or its deadline)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TaskView.class)))
    public Response submit(@HeaderParam(ACCOUNT_HEADER) String accountId, @QueryParam("wait") String wait,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey, TaskRequest request)
            throws SQLException {
        requireAccount(accountId);
        Optional<String> key = IdempotencyKeys.of(idempotencyKey);
        Predicate<TaskStatus> waitFor = waitCondition(wait);
        if (request == null) {
            throw problem(400, "bad-task", "Invalid task", "a JSON body with at least \"input\" is required");
        }
        List<String> problems = request.validate();
        if (!problems.isEmpty()) {
            throw problem(400, "bad-task", "Invalid task", String.join("; ", problems));
        }
        Optional<String> refusal = loadShedding.refusal();
        if (refusal.isPresent()) {
            throw Problems.builder(503, "overloaded", "Network busy, try again shortly", refusal.get())
                    .withHeader("Retry-After", Math.max(1, config.loadShedding().retryAfter().toSeconds())).build();
        }
        String newTaskId = "tsk_" + UUID.randomUUID().toString().replace("-", "");
        long deadlineMs = request.deadlineMs() != null ? request.deadlineMs() : config.defaultDeadlineMs();
        Instant deadline = Instant.now().plusMillis(deadlineMs).truncatedTo(ChronoUnit.MICROS);
        Optional<String> earlier = persist(newTaskId, accountId, request, deadline, key);
        String taskId = earlier.orElse(newTaskId);
        Response.ResponseBuilder response;
        if (waitFor == null) {
            response = Response.accepted(view(taskId));
        } else {
            response = Response.ok(awaitState(taskId, waitFor, earlier.isPresent() ? owned(accountId, taskId)
                    .deadlineAt() : deadline));
        }
        // a retry answered with the task the first submission made (nothing new escrowed or charged)
        earlier.ifPresent(t -> response.header("Idempotent-Replayed", "true"));
        return response.location(URI.create("/v1/tasks/" + taskId)).build();
    }

    /** Stores the task and its TaskSubmitted; or, for a key already used with this body, the earlier task's id. */
    @Transactional
    Optional<String> persist(String taskId, String accountId, TaskRequest request, Instant deadline,
                             Optional<String> idempotencyKey) throws SQLException {
        long maxPrice = request.maxPrice() != null ? request.maxPrice() : config.defaultMaxPrice();
        int redundancy = request.redundancy() != null ? request.redundancy() : 1;
        try (Connection connection = dataSource.getConnection()) {
            if (idempotencyKey.isPresent()) {
                Optional<String> earlier = IdempotencyKeys.claim(connection, accountId, idempotencyKey.get(),
                        IdempotencyKeys.fingerprint(request), taskId);
                if (earlier.isPresent()) {
                    return earlier;
                }
            }
            new TaskRepository(connection).insert(taskId, TaskKind.CONSUMER.name(), accountId, request.input(), null,
                    request.skill(), maxPrice, redundancy, deadline, null, request.excludeAgents(),
                    TaskStatus.SUBMITTED);
            Outbox.append(connection, taskId, TaskSubmitted.newBuilder()
                    .setEnvelope(Envelopes.next("orchestrator-service", taskId, null))
                    .setTaskId(taskId).setKind(TaskKind.CONSUMER).setAccountId(accountId).setInput(request.input())
                    .setSkill(request.skill()).setMaxPrice(maxPrice).setRedundancy(redundancy).setDeadlineAt(deadline)
                    .setExcludedAgentIds(request.excludeAgents()).build());
        }
        return Optional.empty();
    }

    /**
     * The caller's tasks, newest first, {@code limit} (1–100, default 20) a page; {@code status} (one, or several
     * separated by commas) and {@code skill} filter; {@code cursor} is the {@code nextCursor} of the page before
     * (keyset: tasks submitted meanwhile do not shift the pages); {@code total=true} adds how many match in all.
     */
    @GET
    public io.lode.trust.Page<TaskView> list(@HeaderParam(ACCOUNT_HEADER) String accountId, @QueryParam("status") String status,
                              @QueryParam("skill") String skill, @QueryParam("cursor") String cursor,
                              @QueryParam("limit") @jakarta.ws.rs.DefaultValue("20") int limit,
                              @QueryParam("total") @jakarta.ws.rs.DefaultValue("false") boolean total)
            throws SQLException {
        requireAccount(accountId);
        java.util.Set<TaskStatus> wanted = java.util.EnumSet.noneOf(TaskStatus.class);
        for (String one : status == null ? new String[0] : status.split(",", -1)) {
            try {
                wanted.add(TaskStatus.valueOf(one.strip()));
            } catch (IllegalArgumentException e) {
                throw problem(400, "bad-parameter", "Bad parameter", "status must be one or more of "
                        + java.util.Arrays.toString(TaskStatus.values()) + " separated by commas, not '" + one + "'");
            }
        }
        if (limit < 1 || limit > 100) {
            throw problem(400, "bad-parameter", "Bad parameter", "limit must be between 1 and 100");
        }
        ListCursor after = cursor == null ? null : ListCursor.decode(cursor);
        List<Task> tasks;
        Long matching = null;
        try (Connection connection = dataSource.getConnection()) {
            TaskRepository repository = new TaskRepository(connection);
            tasks = repository.ofAccount(accountId, wanted, skill,
                    after == null ? null : after.createdAt(), after == null ? null : after.taskId(), limit + 1);
            if (total) {
                matching = repository.countOfAccount(accountId, wanted, skill);
            }
        }
        boolean more = tasks.size() > limit;
        List<Task> page = more ? tasks.subList(0, limit) : tasks;
        Task last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new io.lode.trust.Page<>(page.stream().map(TaskView::listed).toList(),
                more ? new ListCursor(last.createdAt(), last.taskId()).encode() : null, matching);
    }

    /** Where a page of {@link #list} ended, as an opaque token. */
    record ListCursor(Instant createdAt, String taskId) {
        String encode() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + taskId)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static ListCursor decode(String cursor) {
            try {
                String position = new String(java.util.Base64.getUrlDecoder().decode(cursor),
                        java.nio.charset.StandardCharsets.UTF_8);
                int colon = position.indexOf(':');
                String taskId = position.substring(colon + 1);
                if (colon < 1 || !taskId.startsWith("tsk_")) {
                    throw new IllegalArgumentException(position);
                }
                return new ListCursor(Instant.EPOCH.plus(Long.parseLong(position.substring(0, colon)),
                        ChronoUnit.MICROS), taskId);
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw problem(400, "bad-parameter", "Bad parameter",
                        "cursor is not one a listing of tasks returned");
            }
        }
    }

    /** The network's consumer tasks of the last {@code windowSeconds}: how many, by state and by verdict. */
    public record Activity(int windowSeconds, long submitted, double perSecond, Map<String, Long> byStatus,
                           Map<String, Long> byVerdict) {
    }

    /**
     * What the whole network did lately (the operators' view), for any account: counts only, over consumer tasks
     * (never the network's own challenge tasks, whose share would tell an agent how often it is tested).
     */
    @GET
    @Path("/activity")
    public Activity activity(@HeaderParam(ACCOUNT_HEADER) String accountId,
                             @QueryParam("windowSeconds") @jakarta.ws.rs.DefaultValue("60") int windowSeconds)
            throws SQLException {
        requireAccount(accountId);
        if (windowSeconds < 1 || windowSeconds > 3_600) {
            throw problem(400, "bad-parameter", "Bad parameter", "windowSeconds must be between 1 and 3600");
        }
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        Map<String, Long> byVerdict = new java.util.TreeMap<>();
        long submitted = 0;
        try (Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement select = connection.prepareStatement("SELECT status, verdict, count(*) FROM task "
                     + "WHERE kind = 'CONSUMER' AND parent_task_id IS NULL AND created_at > now() - make_interval("
                     + "secs => ?) GROUP BY status, verdict")) {
            select.setInt(1, windowSeconds);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long count = rows.getLong(3);
                    submitted += count;
                    byStatus.merge(rows.getString(1), count, Long::sum);
                    if (rows.getString(2) != null) {
                        byVerdict.merge(rows.getString(2), count, Long::sum);
                    }
                }
            }
        }
        return new Activity(windowSeconds, submitted, (double) submitted / windowSeconds, byStatus, byVerdict);
    }

    @GET
    @Path("/{taskId}")
    public TaskView get(@HeaderParam(ACCOUNT_HEADER) String accountId, @PathParam("taskId") String taskId,
                        @QueryParam("wait") String wait) throws SQLException {
        requireAccount(accountId);
        Predicate<TaskStatus> waitFor = waitCondition(wait);
        Task task = owned(accountId, taskId);
        return waitFor == null ? view(task) : awaitState(taskId, waitFor, task.deadlineAt());
    }

    /** Cancels a task that has no answer yet; the escrow is refunded (TaskCanceled). */
    @POST
    @Path("/{taskId}/cancel")
    public TaskView cancel(@HeaderParam(ACCOUNT_HEADER) String accountId, @PathParam("taskId") String taskId)
            throws SQLException {
        requireAccount(accountId);
        owned(accountId, taskId);
        cancelTask(taskId);
        waiters.changed(taskId);
        return view(taskId);
    }

    @Transactional
    void cancelTask(String taskId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            TaskRepository tasks = new TaskRepository(connection);
            Task task = tasks.lock(taskId).orElseThrow();
            // Once an answer is in, its verdict may already be paying the agent: too late to cancel.
            if (task.status().hasResult()) {
                throw problem(409, "task-not-cancelable", "Task can no longer be canceled",
                        "task " + taskId + " is " + task.status() + "; only a task without an answer can be canceled");
            }
            tasks.end(taskId, TaskStatus.CANCELED, "canceled by its consumer");
            tasks.endOpenChildren(taskId, TaskStatus.CANCELED);
            Outbox.append(connection, taskId, TaskCanceled.newBuilder()
                    .setEnvelope(Envelopes.next("orchestrator-service", taskId, null)).setTaskId(taskId)
                    .setReason("canceled by its consumer").build());
        }
    }

    /** A dispute's body: why, in the consumer's words (optional). */
    public record DisputeRequest(String reason) {
    }

    /**
     * The paying consumer disputes a held answer (status HELD) within its hold: a panel of judges reviews it (unless
     * one already is); a FAIL refunds the consumer. The dispute itself decides nothing. 202 with the task.
     */
    @POST
    @Path("/{taskId}/dispute")
    @Consumes(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "202",
            description = "Disputed: a panel of judges reviews the held answer (hold.disputedAt is set)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TaskView.class)))
    public Response dispute(@HeaderParam(ACCOUNT_HEADER) String accountId, @PathParam("taskId") String taskId,
                            DisputeRequest request) throws SQLException {
        requireAccount(accountId);
        owned(accountId, taskId);
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
                : request.reason().strip();
        if (reason != null && reason.length() > MAX_DISPUTE_REASON) {
            throw problem(400, "bad-dispute", "Invalid dispute", "reason is at most " + MAX_DISPUTE_REASON
                    + " characters, not " + reason.length());
        }
        Optional<Duration> wait = disputes.acquire(accountId);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw Problems.builder(429, "rate-limited", "Too many disputes", "this account may open "
                    + config.disputesPerAccountPerMinute() + " disputes a minute; retry in " + seconds + " s")
                    .withHeader("Retry-After", seconds).build();
        }
        disputeTask(taskId, accountId, reason);
        waiters.changed(taskId);
        return Response.accepted(view(taskId)).build();
    }

    @Transactional
    void disputeTask(String taskId, String accountId, String reason) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            TaskRepository tasks = new TaskRepository(connection);
            Task task = tasks.lock(taskId).orElseThrow();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String refusal = task.status() != TaskStatus.HELD
                    ? "task " + taskId + " is " + task.status() + "; only a held answer (HELD) can be disputed"
                    : task.disputedAt() != null ? "task " + taskId + " was disputed at " + task.disputedAt()
                    : !now.isBefore(task.holdUntil()) ? "the hold of task " + taskId + " ended at " + task.holdUntil()
                    : null;
            if (refusal != null || !tasks.disputed(taskId, now)) {
                throw problem(409, "task-not-disputable", "Task can no longer be disputed",
                        refusal != null ? refusal : "task " + taskId + " changed while disputing it");
            }
            Outbox.append(connection, taskId, TaskDisputed.newBuilder()
                    .setEnvelope(Envelopes.next("orchestrator-service", taskId, null)).setTaskId(taskId)
                    .setAccountId(accountId).setReason(reason).build());
        }
    }

    /**
     * What happens to the task, as Server-Sent Events numbered from 1 (the SSE id); a client that reconnects with
     * {@code Last-Event-ID: n} gets the events after n, without gaps or repeats. The stream ends after the
     * settlement, when the task ended without an escrow to settle, or when its answer is held (HELD: reconnect later).
     */
    @GET
    @Path("/{taskId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@HeaderParam(ACCOUNT_HEADER) String accountId, @PathParam("taskId") String taskId,
                       @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse)
            throws Exception {
        requireAccount(accountId);
        Task task = owned(accountId, taskId);
        int from = lastEventId == null || lastEventId.isBlank() ? 0 : eventNumber(lastEventId);
        Instant giveUp = task.deadlineAt().plus(STREAM_AFTER_DEADLINE);
        try {
            streams.execute(() -> stream(taskId, from, giveUp, sink, sse));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw problem(503, "too-many-streams", "Too many event streams",
                    "this replica serves " + MAX_STREAMS + " event streams at most; retry shortly");
        }
    }

    /**
     * Sends the task's events after {@code last} as they happen, until the task is settled, the client leaves or
     * {@code giveUp} passes; what happened so far is sent even then (a client back long after a hold asks for it).
     */
    private void stream(String taskId, int last, Instant giveUp, SseEventSink sink, Sse sse) {
        try (sink) {
            while (!sink.isClosed()) {
                CompletableFuture<Void> change = waiters.nextChange(taskId);
                Task now;
                List<TaskRepository.TaskEvent> events;
                try (Connection connection = dataSource.getConnection()) {
                    TaskRepository tasks = new TaskRepository(connection);
                    // State first, then events: the events read include every change the state shows.
                    now = tasks.find(taskId).orElseThrow();
                    events = tasks.events(taskId, last);
                }
                for (TaskRepository.TaskEvent event : events) {
                    sink.send(sse.newEventBuilder().id(Integer.toString(event.seq())).name(event.type())
                            .data(event.data()).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    last = event.seq();
                }
                if (isSettled(now) || !Instant.now().isBefore(giveUp)) {
                    return;
                }
                try {
                    change.get(RECHECK.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Re-read: the change may have happened in another replica.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the client left (a send failed) or the database is away: the client reconnects with Last-Event-ID
            io.quarkus.logging.Log.debugf(e, "event stream of %s ended early", taskId);
        }
    }

    private static Thread streamThread(Runnable stream) {
        Thread thread = new Thread(stream, "task-events-" + STREAM_THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    @jakarta.annotation.PreDestroy
    void stopStreams() {
        streams.shutdownNow();
    }

    /**
     * Ended, and its escrow resolved (or there never was one); or held, which may last the whole hold: the client
     * reconnects with Last-Event-ID later for what follows.
     */
    private static boolean isSettled(Task task) {
        return task.status() == TaskStatus.HELD || task.status().isTerminal() && (task.refunded() != null
                || (task.reason() != null && task.reason().startsWith(ESCROW_REJECTED)));
    }

    private static int eventNumber(String lastEventId) {
        try {
            return Integer.parseInt(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw problem(400, "bad-parameter", "Bad parameter",
                    "Last-Event-ID must be the number of an event of this stream, not '" + lastEventId + "'");
        }
    }

    private TaskView awaitState(String taskId, Predicate<TaskStatus> reached, Instant deadline) throws SQLException {
        Task task = load(taskId);
        while (!reached.test(task.status()) && Instant.now().isBefore(deadline.plusSeconds(1))) {
            try {
                waiters.nextChange(taskId).get(RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Re-read below: the change may have happened in another replica.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            task = load(taskId);
        }
        return view(task);
    }

    private static Predicate<TaskStatus> waitCondition(String wait) {
        if (wait == null || wait.isEmpty()) {
            return null;
        }
        return switch (wait) {
            case "result" -> TaskStatus::hasResult;
            case "verified" -> TaskStatus::isDecided;
            default -> throw problem(400, "bad-parameter", "Bad parameter",
                    "wait must be 'result' or 'verified', not '" + wait + "'");
        };
    }

    private Task owned(String accountId, String taskId) throws SQLException {
        Task task = find(taskId);
        if (task == null || !accountId.equals(task.accountId())) {
            throw problem(404, "unknown-task", "Unknown task", "no task " + taskId + " for this account");
        }
        return task;
    }

    private TaskView view(String taskId) throws SQLException {
        return view(load(taskId));
    }

    private TaskView view(Task task) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            TaskRepository tasks = new TaskRepository(connection);
            return TaskView.of(task, tasks.attempts(task.taskId()),
                    task.isRedundant() ? tasks.children(task.taskId()) : List.of());
        }
    }

    private Task load(String taskId) throws SQLException {
        Task task = find(taskId);
        if (task == null) {
            throw new IllegalStateException("task " + taskId + " vanished");
        }
        return task;
    }

    private Task find(String taskId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new TaskRepository(connection).find(taskId).orElse(null);
        }
    }

    private static void requireAccount(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw problem(401, "unauthenticated", "API key required",
                    "send Authorization: Bearer <apiKey> through the gateway");
        }
    }

    static HttpProblem problem(int status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }
}
