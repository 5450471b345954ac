package io.lode.gateway.edge;

import java.lang.reflect.Field;

import io.lode.gateway.GatewayConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.logging.Log;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.TCPServerBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/**
 * Deadlines on every connection of the public API, so that no client holds one for nothing (slowloris): the
 * request's headers within {@code timeouts.header} of the connection opening or of its previous answer
 * ({@link ConnectionClock}), its body within {@code timeouts.body} of its headers (408 problem+json and the
 * connection closed beyond either). Answers may take as long as they need: long-polls and event streams are bounded by
 * the backend timeouts, not here.
 * <p>
 * Vert.x has no hook on a connection before its first request is parsed, which is exactly when a slowloris client
 * holds it; the clock is put on each accepted connection from the listening channel itself. Reaching that channel
 * reads one private field of Vert.x ({@code TCPServerBase.bindFuture}): if a Vert.x upgrade moves it, the gateway
 * stops at start rather than run without deadlines ({@code SlowClientsIT} fails first).
 */
@ApplicationScoped
public class ConnectionDeadlines {

    private final GatewayConfig config;

    public ConnectionDeadlines(GatewayConfig config) {
        this.config = config;
    }

    /** Before every other route: the headers arrived; the body is due; the next headers are due once answered. */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::requestArrived);
    }

    /** The main HTTP server is listening: put the clock on each connection it accepts from now on. */
    void listening(@ObservesAsync HttpServerStart start, Vertx vertx, ValueRegistry values) {
        try {
            watchMainServer(vertx, values);
        } catch (IllegalStateException e) {
            // the event is asynchronous: throwing would not stop the gateway, which must not serve without deadlines
            Log.errorf(e, "stopping: %s", e.getMessage());
            io.quarkus.runtime.Quarkus.asyncExit(1);
        }
    }

    private void watchMainServer(Vertx vertx, ValueRegistry values) {
        // the port it listens on: configured, or (port 0, as in tests) the one it was given
        Integer port = values.get(io.quarkus.vertx.http.HttpServer.HTTP_PORT);
        if (port == null) {
            throw new IllegalStateException("the HTTP server started on no known port: no connection deadlines");
        }
        boolean watched = false;
        for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            if (server.actualPort() == port) {
                watch(listeningChannel(server));
                watched = true;
            }
        }
        if (!watched) {
            throw new IllegalStateException("no HTTP server of Vert.x listens on " + port + ": no connection deadlines");
        }
    }

    private void watch(Channel listening) {
        if (listening.pipeline().get(Acceptor.class) == null) {
            listening.pipeline().addFirst("lode-connection-deadlines", new Acceptor(config.timeouts().header()));
            Log.debugf("connection deadlines on %s", listening.localAddress());
        }
    }

    private static Channel listeningChannel(HttpServerImpl server) {
        try {
            Field bound = TCPServerBase.class.getDeclaredField("bindFuture");
            bound.setAccessible(true);
            @SuppressWarnings("unchecked")
            Future<Channel> channel = (Future<Channel>) bound.get(server);
            if (channel == null || channel.result() == null) {
                throw new IllegalStateException("the HTTP server is not bound");
            }
            return channel.result();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot put connection deadlines on the HTTP server (Vert.x changed?)", e);
        }
    }

    private void requestArrived(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ConnectionClock clock = request.connection() instanceof ConnectionBase connection
                ? connection.channel().attr(ConnectionClock.KEY).get() : null;
        if (clock != null) {
            long number = clock.headersArrived(request.version() == HttpVersion.HTTP_2);
            long bodyTimer = ctx.vertx().setTimer(config.timeouts().body().toMillis(), fired -> bodyLate(ctx));
            ctx.addEndHandler(ended -> {
                ctx.vertx().cancelTimer(bodyTimer);
                clock.answered(number);
            });
        }
        ctx.next();
    }

    /** The body did not arrive in time: answered 408 if nothing was answered yet, and the connection closed. */
    private void bodyLate(RoutingContext ctx) {
        if (ctx.request().isEnded() || ctx.response().closed()) {
            return;
        }
        if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(408).putHeader("content-type", ProblemJson.MEDIA_TYPE)
                    .putHeader("connection", "close")
                    .end(ProblemJson.body(408, "request-timeout", "Request Timeout", "the request's body did not arrive "
                            + "within " + config.timeouts().body().toSeconds() + " s"));
        }
        ctx.request().connection().close();
    }

    /** On the listening channel: each accepted connection gets its clock first in its pipeline, under the codec. */
    @ChannelHandler.Sharable
    private static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final java.time.Duration headerTimeout;

        Acceptor(java.time.Duration headerTimeout) {
            this.headerTimeout = headerTimeout;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addFirst("lode-connection-clock", new ConnectionClock(headerTimeout));
            }
            ctx.fireChannelRead(msg);
        }
    }
}
