package io.lode.orchestrator.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;

/**
 * The pieces of one streamed answer on their way into the task's event stream (PARTIAL events), while the call
 * runs. Pieces arrive on the thread reading the reply, which must not block; they are written on a worker, one
 * write at a time and in order, each write taking every piece that arrived meanwhile — so a fast stream costs few
 * transactions — and at most {@link #MAX_WRITES} writes a call: the RESULT event carries the whole answer anyway.
 */
final class PartialAnswers implements Consumer<String> {

    static final int MAX_WRITES = 200;

    private final Vertx vertx;
    private final Consumer<String> write;
    private final StringBuilder pending = new StringBuilder();
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    private boolean writeScheduled;
    private int writes;

    /** {@code write} stores one batch of text; it runs on a worker thread. */
    PartialAnswers(Vertx vertx, Consumer<String> write) {
        this.vertx = vertx;
        this.write = write;
    }

    @Override
    public synchronized void accept(String piece) {
        pending.append(piece);
        if (writeScheduled || writes >= MAX_WRITES) {
            return;
        }
        writeScheduled = true;
        writes++;
        lastWrite = lastWrite.thenCompose(done -> vertx.executeBlocking(() -> {
            write.accept(take());
            return null;
        }, false).toCompletionStage().handle((ok, error) -> {
            if (error != null) {
                Log.warnf(error, "a partial answer was not recorded");
            }
            return (Void) null;
        }));
    }

    private synchronized String take() {
        String text = pending.toString();
        pending.setLength(0);
        writeScheduled = false;
        return text;
    }

    /** Completes once every write begun so far is done: the result is recorded after the partial answers. */
    synchronized CompletionStage<Void> written() {
        return lastWrite;
    }
}
