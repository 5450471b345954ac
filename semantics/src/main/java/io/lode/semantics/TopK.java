package io.lode.semantics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code k} of many candidates in a given order, kept in a bounded heap: ranking thousands of agents
 * needs only the few that will be used, not a sort of all of them.
 */
public final class TopK<T> {

    private final int k;
    private final Comparator<T> order;
    private final PriorityQueue<T> worstFirst;

    /** {@code order} puts the best first. */
    public TopK(int k, Comparator<T> order) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
        this.order = order;
        this.worstFirst = new PriorityQueue<>(k + 1, order.reversed());
    }

    public void offer(T candidate) {
        if (worstFirst.size() < k) {
            worstFirst.add(candidate);
        } else if (order.compare(candidate, worstFirst.peek()) < 0) {
            worstFirst.poll();
            worstFirst.add(candidate);
        }
    }

    /** The kept candidates, best first. */
    public List<T> sorted() {
        List<T> best = new ArrayList<>(worstFirst);
        best.sort(order);
        return best;
    }
}
