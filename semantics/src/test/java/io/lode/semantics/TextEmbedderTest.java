package io.lode.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextEmbedderTest {

    private static final TextEmbedder EMBEDDER = new TextEmbedder();

    @Test
    void vectorsHaveUnitLength() {
        float[] vector = EMBEDDER.embed("add two numbers");
        assertThat(vector).hasSize(TextEmbedder.DIMENSIONS);
        assertThat(Vectors.dot(vector, vector)).isCloseTo(1f, within(1e-4f));
    }

    @Test
    void relatedTextIsCloserThanUnrelatedText() {
        float[] query = EMBEDDER.embed("multiply two numbers");
        float[] arithmetic = EMBEDDER.embed(TextEmbedder.skillText("Arithmetic",
                "Evaluates arithmetic expressions", List.of("math", "calculator"), List.of("what is 17 * 23?")));
        float[] translation = EMBEDDER.embed(TextEmbedder.skillText("Translation",
                "Translates French text to English", List.of("language"), List.of()));
        assertThat(Vectors.dot(query, arithmetic)).isGreaterThan(Vectors.dot(query, translation) + 0.1f);
    }

    @Test
    void ourSessionSettingsEmbedExactlyAsTheStockModelDoes() {
        var stock = new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
        for (String text : List.of("What is 17 + 25?", "Translate 'good morning' into French", "ü → ∑ 日本語")) {
            float[] expected = Vectors.normalized(stock.embed(text).content().vector());
            assertThat(EMBEDDER.embed(text)).containsExactly(expected, within(1e-5f));
        }
    }

    @Test
    void textThatShowsNothingIsSimilarToNothingInsteadOfFailing() {
        for (String invisible : List.of("\u200B", "\uFEFF\u2060 \u200D", "")) {
            float[] vector = EMBEDDER.embed(invisible);
            assertThat(vector).hasSize(TextEmbedder.DIMENSIONS);
            assertThat(Vectors.dot(vector, EMBEDDER.embed("add two numbers"))).isZero();
        }
        assertThat(Texts.invisible("\u200Bhi")).isFalse();
        assertThat(Texts.invisible("\u3164\u2800")).isTrue();
    }

    @Test
    void overlongTextIsCutNotRejected() {
        assertThat(EMBEDDER.embed("word ".repeat(10_000))).hasSize(TextEmbedder.DIMENSIONS);
    }

    @Test
    void skillTextSkipsMissingParts() {
        assertThat(TextEmbedder.skillText("Echo", null, List.of(), List.of("hello")))
                .isEqualTo("Echo. hello");
    }

    @Test
    void vectorsSurviveStorage() {
        List<float[]> vectors = List.of(EMBEDDER.embed("one"), EMBEDDER.embed("two"));
        List<float[]> read = Vectors.fromBytes(Vectors.toBytes(vectors));
        assertThat(read).hasSize(2);
        assertThat(read.get(1)).containsExactly(vectors.get(1));
    }
}
