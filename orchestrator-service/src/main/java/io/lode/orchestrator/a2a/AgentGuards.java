package io.lode.orchestrator.a2a;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.lode.orchestrator.OrchestratorConfig;
import io.lode.orchestrator.routing.Router;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

/**
 * One SmallRye Fault Tolerance guard per agent: a bulkhead caps its concurrent calls, a circuit breaker stops
 * calling it after a run of failures (an open breaker also takes it out of routing until a trial call after the
 * delay). Tells routing which agents accept calls and how loaded they are.
 */
@ApplicationScoped
public class AgentGuards implements Router.Availability {

    private static final TypeLiteral<CompletionStage<A2aClient.Exchange>> EXCHANGE = new TypeLiteral<>() { };

    private record Guarded(TypedGuard<CompletionStage<A2aClient.Exchange>> guard, AtomicInteger inFlight) {
    }

    private final OrchestratorConfig config;
    private final Map<String, Guarded> guards = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreakerState> states = new ConcurrentHashMap<>();

    public AgentGuards(OrchestratorConfig config) {
        this.config = config;
    }

    /** Makes the call under the agent's guard; a refused call (breaker open, bulkhead full) fails the stage. */
    public CompletionStage<A2aClient.Exchange> call(String agentId, Supplier<CompletionStage<A2aClient.Exchange>> call) {
        Guarded guarded = guards.computeIfAbsent(agentId, this::create);
        guarded.inFlight().incrementAndGet();
        CompletionStage<A2aClient.Exchange> result;
        try {
            result = guarded.guard().get(call);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((exchange, error) -> guarded.inFlight().decrementAndGet());
    }

    public CircuitBreakerState state(String agentId) {
        return states.getOrDefault(agentId, CircuitBreakerState.CLOSED);
    }

    @Override
    public boolean accepting(String agentId) {
        return state(agentId) != CircuitBreakerState.OPEN;
    }

    @Override
    public double load(String agentId) {
        Guarded guarded = guards.get(agentId);
        return guarded == null ? 0 : Math.min(1, guarded.inFlight().get() / (double) config.maxConcurrentCallsPerAgent());
    }

    private Guarded create(String agentId) {
        OrchestratorConfig.Breaker breaker = config.breaker();
        TypedGuard<CompletionStage<A2aClient.Exchange>> guard = TypedGuard.create(EXCHANGE)
                .withDescription("calls of agent " + agentId)
                .withBulkhead().limit(config.maxConcurrentCallsPerAgent())
                .queueSize(config.maxConcurrentCallsPerAgent()).done()
                .withCircuitBreaker().requestVolumeThreshold(breaker.window()).failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                .onStateChange(state -> {
                    states.put(agentId, state);
                    Log.infof("circuit breaker of agent %s is %s", agentId, state);
                }).done()
                .withThreadOffload(false)
                .build();
        return new Guarded(guard, new AtomicInteger());
    }
}
