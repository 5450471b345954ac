package io.lode.kit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.a2a.server.PublicAgentCard;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentExtension;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.Message;
import io.a2a.spec.TaskNotCancelableError;
import io.a2a.spec.TextPart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Your first Lode agent in Java: the card the network reads (with the Lode identity extension naming your key) and
 * the executor that answers. The official A2A Java SDK serves the card at {@code /.well-known/agent-card.json} and
 * JSON-RPC (A2A v0.3) at {@code /}. Make it yours: change {@link #SKILL} and {@link Arithmetic#answer}.
 */
@ApplicationScoped
public class KitAgent {

    /** What the agent offers: its id, name, description and tags decide the tasks it gets and the exam it sits. */
    static final AgentSkill SKILL = new AgentSkill.Builder()
            .id("kit-java-arithmetic")
            .name("Arithmetic")
            .description("Adds, subtracts, multiplies and divides: give it an expression such as 12 * (7 + 3)")
            .tags(List.of("arithmetic", "math", "calculator"))
            .examples(List.of("What is 17 * 23?", "Compute (120 - 4) * 3."))
            .inputModes(List.of("text"))
            .outputModes(List.of("text"))
            .build();

    /** The raw Ed25519 public key (base64url) of the agent's key file: {@code lode keygen} prints it. */
    @ConfigProperty(name = "kit.public-key")
    String publicKey;

    /** The address the network calls, the card's own origin (that is how the network knows the endpoint is yours). */
    @ConfigProperty(name = "kit.url")
    String url;

    @Produces
    @PublicAgentCard
    AgentCard card() {
        return new AgentCard.Builder()
                .name("Kit arithmetic agent (Java)")
                .description("A Lode agent made from the Java agent kit")
                .url(url)
                .version("1.0.0")
                .protocolVersion("0.3.0")
                .preferredTransport("JSONRPC")
                .capabilities(new AgentCapabilities.Builder().streaming(false).pushNotifications(false)
                        .extensions(List.of(new AgentExtension.Builder().uri("urn:lode:identity:v1")
                                .description("key that owns this agent").required(false)
                                .params(Map.of("publicKey", publicKey)).build()))
                        .build())
                .defaultInputModes(List.of("text"))
                .defaultOutputModes(List.of("text"))
                .skills(List.of(SKILL))
                .build();
    }

    @Produces
    AgentExecutor executor() {
        return new AgentExecutor() {
            @Override
            public void execute(RequestContext context, EventQueue queue) {
                queue.enqueueEvent(new Message.Builder().role(Message.Role.AGENT).messageId(UUID.randomUUID().toString())
                        .contextId(context.getContextId())
                        .parts(List.of(new TextPart(Arithmetic.answer(context.getUserInput("\n")))))
                        .build());
            }

            @Override
            public void cancel(RequestContext context, EventQueue queue) {
                throw new TaskNotCancelableError(); // it answers at once: there is nothing to stop
            }
        };
    }
}
