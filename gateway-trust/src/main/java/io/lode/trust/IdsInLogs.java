package io.lode.trust;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.core.UriInfo;

/**
 * A request about one task or one agent ({@code /v1/tasks/{taskId}…}, {@code /v1/agents/{agentId}…}) puts that id
 * into the logging MDC, as the Kafka consumers do for the events they handle, so each line the request writes names
 * it; the response takes it out again.
 */
public class IdsInLogs {

    private static final String TASK_ID = "taskId";
    private static final String AGENT_ID = "agentId";

    @ServerRequestFilter
    public void putIds(UriInfo uri) {
        String taskId = uri.getPathParameters().getFirst(TASK_ID);
        String agentId = uri.getPathParameters().getFirst(AGENT_ID);
        if (taskId != null) {
            MDC.put(TASK_ID, taskId);
        }
        if (agentId != null) {
            MDC.put(AGENT_ID, agentId);
        }
    }

    @ServerResponseFilter
    public void removeIds() {
        MDC.remove(TASK_ID);
        MDC.remove(AGENT_ID);
    }
}
