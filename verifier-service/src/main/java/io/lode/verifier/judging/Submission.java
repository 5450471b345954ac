package io.lode.verifier.judging;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.verifier.challenge.Challenge;

/**
 * One agent result to judge, with the hidden challenge behind it when the task was an exam or a honeypot; the
 * challenge family of the skill a consumer task was sent for, when known ({@link FamilyTaskCheck}); and — when the
 * task was redundant — the other agents' answers and which of all these agents have checked reputation for the
 * task's skill (only those count in agreement: see {@link AgreementCheck}).
 */
public record Submission(AgentResultReceived result, Optional<Challenge> challenge,
                         Optional<Challenge.Checker> taskFamily, List<AgentResultReceived> peers,
                         Set<String> checkedAgents) {

    public Submission {
        peers = List.copyOf(peers);
        checkedAgents = Set.copyOf(checkedAgents);
    }

    public Submission(AgentResultReceived result, Optional<Challenge> challenge) {
        this(result, challenge, Optional.empty(), List.of(), Set.of());
    }
}
