package io.lode.verifier.judging;

import java.util.Optional;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.verifier.challenge.Challenge;

/** One agent result to judge, with the hidden challenge behind it when the task was an exam or a honeypot. */
public record Submission(AgentResultReceived result, Optional<Challenge> challenge) {
}
