package io.lode.events;

/** Bounds that are part of the event contract: producers enforce them, consumers reject what breaks them. */
public final class EventLimits {

    /**
     * The longest agent answer an AgentResultReceived carries, in characters. The orchestrator treats a longer
     * answer as a failed call; the verifier parks an event that carries one in its dead-letter topic.
     */
    public static final int MAX_ANSWER_CHARS = 262_144;

    private EventLimits() {
    }
}
