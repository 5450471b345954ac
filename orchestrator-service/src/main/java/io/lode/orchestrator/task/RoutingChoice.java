package io.lode.orchestrator.task;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why routing sent an attempt to its agent, as the task view shows it: the skill of the agent that matched best,
 * the similarity, whether the agent matched the task (about as able as the best, see Router) and whether it was put
 * first by exploration, and the score with its weighted parts. {@code askedSkills}, when present, says the task
 * asked for more than one thing ("translate this and then summarise it"): the skill that fits each need best. The
 * task still goes to one agent, the best single match.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingChoice(String skill, double similarity, boolean matching, boolean explored, Score score,
                            List<String> askedSkills) {

    /** The score and its parts, each already weighted: total = similarity + reputation + price + latency + load. */
    public record Score(double total, double similarity, double reputation, double price, double latency,
                        double load) {
    }
}
