package io.lode.orchestrator.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses the agent for a task. Walking-skeleton rule, deterministic: among ACTIVE agents within
 * {@code maxPrice} (and offering {@code skill} when one is named), prefer the most words shared between the
 * task text and the agent's skill terms, then the lower price, then the smaller agent id.
 */
public final class Router {

    private Router() {
    }

    public static Optional<AgentCandidate> choose(List<AgentCandidate> agents, String input, String skill,
                                                  long maxPrice) {
        Set<String> words = words(input);
        return agents.stream()
                .filter(AgentCandidate::isActive)
                .filter(a -> a.price() <= maxPrice)
                .filter(a -> skill == null || a.skillTerms().stream().anyMatch(t -> t.equalsIgnoreCase(skill)))
                .min(Comparator.comparingLong((AgentCandidate a) -> -overlap(words, a))
                        .thenComparingLong(AgentCandidate::price)
                        .thenComparing(AgentCandidate::agentId));
    }

    private static long overlap(Set<String> words, AgentCandidate agent) {
        return agent.skillTerms().stream().flatMap(t -> words(t).stream()).distinct().filter(words::contains).count();
    }

    static Set<String> words(String text) {
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}*+/-]+"))
                .filter(w -> !w.isBlank()).collect(Collectors.toSet());
    }
}
