package io.lode.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheBestKInOrderWhateverTheArrivalOrder() {
        SplittableRandom random = new SplittableRandom(3);
        List<Integer> values = IntStream.range(0, 1_000).map(i -> random.nextInt(10_000)).boxed().toList();
        TopK<Integer> top = new TopK<>(7, Comparator.<Integer>reverseOrder());
        values.forEach(top::offer);
        assertThat(top.sorted()).isEqualTo(values.stream().sorted(Comparator.reverseOrder()).limit(7).toList());
    }

    @Test
    void fewerCandidatesThanKAreAllKept() {
        TopK<String> top = new TopK<>(5, Comparator.<String>naturalOrder());
        List.of("c", "a", "b").forEach(top::offer);
        assertThat(top.sorted()).containsExactly("a", "b", "c");
    }
}
