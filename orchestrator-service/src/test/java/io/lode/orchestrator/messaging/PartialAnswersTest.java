package io.lode.orchestrator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

class PartialAnswersTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void piecesThatArriveDuringAWriteGoTogetherInTheNextInOrder() throws Exception {
        CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
        List<String> writes = new CopyOnWriteArrayList<>();
        PartialAnswers partials = new PartialAnswers(vertx, text -> {
            writes.add(text);
            if (writes.size() == 1) {
                await(firstWriteMayEnd);
            }
        });

        partials.accept("a");
        for (int i = 0; i < 100; i++) {
            partials.accept(Integer.toString(i % 10));
        }
        firstWriteMayEnd.countDown();
        partials.written().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(String.join("", writes)).isEqualTo("a" + "0123456789".repeat(10));
        assertThat(writes).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void writesAtMostTheLimitAndStillCompletes() throws Exception {
        List<String> writes = new CopyOnWriteArrayList<>();
        PartialAnswers partials = new PartialAnswers(vertx, writes::add);

        for (int i = 0; i < PartialAnswers.MAX_WRITES * 3; i++) {
            partials.accept("x");
            partials.written().toCompletableFuture().get(10, TimeUnit.SECONDS); // one write a piece
        }

        assertThat(writes).hasSize(PartialAnswers.MAX_WRITES);
    }

    @Test
    void aFailedWriteDoesNotStopTheOthers() throws Exception {
        List<String> writes = new CopyOnWriteArrayList<>();
        PartialAnswers partials = new PartialAnswers(vertx, text -> {
            if (text.equals("bad")) {
                throw new IllegalStateException("database down");
            }
            writes.add(text);
        });

        partials.accept("bad");
        partials.written().toCompletableFuture().get(10, TimeUnit.SECONDS);
        partials.accept("good");
        partials.written().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(writes).containsExactly("good");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
