package io.lode.orchestrator.routing;

import java.util.Arrays;

/** The indexes of the highest values of an array, without boxing: a min-heap of indexes on the routing hot path. */
final class BestIndexes {

    private BestIndexes() {
    }

    /** Up to {@code count} indexes of the highest finite values, highest first (ties: lower index first). */
    static int[] of(double[] values, int count) {
        return of(values, new boolean[values.length], false, count);
    }

    /**
     * Up to {@code count} indexes {@code i} with {@code group[i] == in} and a finite {@code values[i]}, highest value
     * first (ties: lower index first).
     */
    static int[] of(double[] values, boolean[] group, boolean in, int count) {
        int[] heap = new int[count]; // heap[0] is the worst kept
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            if (group[i] != in || values[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            if (size < count) {
                heap[size] = i;
                up(heap, size++, values);
            } else if (better(i, heap[0], values)) {
                heap[0] = i;
                down(heap, size, values);
            }
        }
        int[] best = Arrays.copyOf(heap, size);
        Integer[] boxed = Arrays.stream(best).boxed().toArray(Integer[]::new); // at most count: cheap
        Arrays.sort(boxed, (a, b) -> better(a, b, values) ? -1 : better(b, a, values) ? 1 : 0);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    private static boolean better(int a, int b, double[] values) {
        return values[a] > values[b] || values[a] == values[b] && a < b;
    }

    private static void up(int[] heap, int at, double[] values) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(heap[parent], heap[at], values)) {
                return;
            }
            swap(heap, at, parent);
            at = parent;
        }
    }

    private static void down(int[] heap, int size, double[] values) {
        int at = 0;
        while (true) {
            int worst = at;
            for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                if (better(heap[worst], heap[child], values)) {
                    worst = child;
                }
            }
            if (worst == at) {
                return;
            }
            swap(heap, at, worst);
            at = worst;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
