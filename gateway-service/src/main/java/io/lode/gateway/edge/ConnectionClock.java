package io.lode.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * First handler of every HTTP/1.x connection the gateway accepts, under the HTTP codec (it sees raw bytes). It owns
 * the header deadline: a connection must deliver a request's complete headers within {@code headerTimeout} of
 * opening or of its previous answer, or it is closed (408 problem+json when it had started sending one; silently
 * when it was only idle). A slowloris client that trickles a header line at a time is therefore closed however
 * steadily it trickles. The router tells the clock when headers arrived and when the answer ended; every call runs on
 * the connection's event loop.
 * <p>
 * While the clock awaits headers, nothing the application wrote can be on the wire: a response then is the HTTP
 * codec refusing the request itself (400 bad request line, 414 URI too long, 431 headers too large) with an empty
 * body. It is rewritten here as problem+json, so every error of the public API has one shape.
 */
final class ConnectionClock extends ChannelDuplexHandler {

    static final AttributeKey<ConnectionClock> KEY = AttributeKey.valueOf("lode.connection-clock");
    private static final byte[] STATUS_LINE_START = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

    private final Duration headerTimeout;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;
    private boolean awaitingHeaders = true;
    /** Whether bytes of the next request came since the clock was armed: expiring then is a 408, not an idle close. */
    private boolean started;
    /** A refusal was written in the codec's place: what the codec writes after it is dropped. */
    private boolean refused;
    /** The connection speaks HTTP/2, whose streams are multiplexed: one header clock per connection means nothing. */
    private boolean off;
    /** Requests seen on this connection: an answer's end counts only if no later request has arrived meanwhile. */
    private long requests;

    ConnectionClock(Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().attr(KEY).set(this);
        if (ctx.channel().isActive()) {
            arm();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (awaitingHeaders && msg instanceof ByteBuf buffer && buffer.isReadable()) {
            started = true;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg);
            promise.setSuccess();
            return;
        }
        if (awaitingHeaders && !off && msg instanceof ByteBuf buffer) {
            int status = codecRefusal(buffer);
            if (status > 0) {
                ReferenceCountUtil.release(msg);
                promise.setSuccess();
                refuse(status);
                return;
            }
        }
        super.write(ctx, msg, promise);
    }

    /**
     * The router saw a request's complete headers on this connection (on its event loop); returns the request's number
     * for {@link #answered}.
     */
    long headersArrived(boolean http2) {
        if (http2) {
            off = true;
        }
        awaitingHeaders = false;
        started = false;
        cancel();
        return ++requests;
    }

    /**
     * The answer to request {@code request} ended: the next request's headers are due within the timeout. May be
     * called from any thread (a resource answering on a worker); it runs after what that thread wrote, on the
     * connection's event loop. An end that comes after the client's next request already arrived changes nothing.
     */
    void answered(long request) {
        ctx.executor().execute(() -> {
            if (off || refused || request != requests || awaitingHeaders) {
                return;
            }
            awaitingHeaders = true;
            started = false;
            arm();
        });
    }

    private void arm() {
        cancel();
        if (!off && ctx != null && ctx.channel().isActive()) {
            deadline = ctx.executor().schedule(this::expire, headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire() {
        deadline = null;
        if (!awaitingHeaders || refused || !ctx.channel().isActive()) {
            return;
        }
        if (started) {
            refuse(408);
        } else {
            refused = true;
            ctx.close();
        }
    }

    private void refuse(int status) {
        refused = true;
        cancel();
        HttpResponseStatus reason = HttpResponseStatus.valueOf(status);
        String[] typeAndDetail = switch (status) {
            case 408 -> new String[] {"request-timeout",
                    "the request's headers did not arrive within " + headerTimeout.toSeconds() + " s"};
            case 413 -> new String[] {"body-too-large", "the request is too large"};
            case 414 -> new String[] {"uri-too-long", "the request line is too long"};
            case 431 -> new String[] {"headers-too-large", "the request's headers are too large"};
            case 503 -> new String[] {"unavailable", "the server cannot take this connection now"};
            default -> new String[] {"bad-request", "the request is not valid HTTP/1.1"};
        };
        byte[] body = ProblemJson.body(status, typeAndDetail[0], reason.reasonPhrase(), typeAndDetail[1])
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason.reasonPhrase() + "\r\ncontent-type: " + ProblemJson.MEDIA_TYPE
                + "\r\ncontent-length: " + body.length + "\r\nconnection: close\r\n\r\n";
        ByteBuf response = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * The status of an HTTP/1 response the codec writes for a request it could not read — an error status line and
     * headers with no body; 0 for anything else.
     */
    static int codecRefusal(ByteBuf buffer) {
        int at = buffer.readerIndex();
        int end = buffer.writerIndex();
        if (buffer.readableBytes() < STATUS_LINE_START.length + 6 || buffer.getByte(end - 4) != '\r'
                || buffer.getByte(end - 3) != '\n' || buffer.getByte(end - 2) != '\r' || buffer.getByte(end - 1) != '\n') {
            return 0;
        }
        for (int i = 0; i < STATUS_LINE_START.length; i++) {
            if (buffer.getByte(at + i) != STATUS_LINE_START[i]) {
                return 0;
            }
        }
        // "HTTP/1.x NNN"
        int status = 0;
        for (int i = STATUS_LINE_START.length + 2; i < STATUS_LINE_START.length + 5; i++) {
            byte digit = buffer.getByte(at + i);
            if (digit < '0' || digit > '9') {
                return 0;
            }
            status = status * 10 + (digit - '0');
        }
        return status >= 400 ? status : 0;
    }
}
