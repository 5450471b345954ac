package io.lode.verifier.judging;

import java.util.List;
import java.util.Optional;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.verifier.challenge.Challenge;

/**
 * One agent result to judge, with the hidden challenge behind it when the task was an exam or a honeypot, and the
 * other agents' answers when the task was redundant.
 */
public record Submission(AgentResultReceived result, Optional<Challenge> challenge, List<AgentResultReceived> peers) {

    public Submission(AgentResultReceived result, Optional<Challenge> challenge) {
        this(result, challenge, List.of());
    }
}
