package io.lode.gateway.mcp;

import io.lode.gateway.proxy.ReverseProxy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every request to the MCP endpoint carries an API key and is admitted like an API call (rate limit, unknown-key
 * throttling, open requests per account) before the MCP server sees it; the tools act as the key's account.
 */
@ApplicationScoped
public class McpAccess {

    public static final String PATH = "/mcp";
    /** Where the admitted request keeps its account for the tools. */
    static final String ACCOUNT = "lode.mcp.account";

    private final ReverseProxy proxy;

    public McpAccess(ReverseProxy proxy) {
        this.proxy = proxy;
    }

    void register(@Observes Router router) {
        router.route(PATH).order(-20).handler(this::admit);
        router.route(PATH + "/*").order(-20).handler(this::admit);
    }

    private void admit(RoutingContext ctx) {
        // the body is read by the MCP server's handler once the key is checked: hold it back until then
        ctx.request().pause();
        proxy.authenticate(ctx, false, accountId -> {
            // a tool call may wait for a verdict: counted with the long-polls, not the quick calls
            if (proxy.holdOpen(ctx, accountId, true)) {
                ctx.put(ACCOUNT, accountId);
                ctx.request().resume();
                ctx.next();
            }
        });
    }

    /** The account the current MCP request was admitted as. */
    static String accountOf(RoutingContext ctx) {
        String accountId = ctx == null ? null : ctx.get(ACCOUNT);
        if (accountId == null) {
            throw new IllegalStateException("an MCP request that was not admitted");
        }
        return accountId;
    }
}
