package io.lode.registry.search;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.codec.EventCodec;
import io.lode.events.codec.UndecodableEventException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds the search index from lode.agents. Every registry replica reads the whole topic from the start in a
 * consumer group of its own and commits nothing, so each rebuilds the same index.
 */
@ApplicationScoped
public class AgentIndexConsumer {

    static final String CHANNEL = "lode-agents-index";

    private final AgentSearchIndex index;

    public AgentIndexConsumer(AgentSearchIndex index) {
        this.index = index;
    }

    @Incoming(CHANNEL)
    public void agents(byte[] record) {
        try {
            index.apply(EventCodec.shared().decode(record));
        } catch (UndecodableEventException e) {
            // Every other consumer of lode.agents dead-letters bad records; the index only has to skip them.
            Log.warnf("search index skips an undecodable lode.agents record: %s", e.getMessage());
        }
    }
}
