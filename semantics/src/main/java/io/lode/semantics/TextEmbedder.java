package io.lode.semantics;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * Turns text into unit-length all-MiniLM-L6-v2 vectors, so the cosine similarity of two texts is the dot product
 * of their vectors. The int8-quantised build of the model (23 MB, in the jar, run in-process by ONNX Runtime) is
 * loaded once per instance and is safe to share between threads; it embeds a sentence about 1.6 times as fast as the
 * float build on our 2-core machines and needs a quarter of the memory to load. It runs on the calling thread without
 * ONNX Runtime's spinning thread pool: a service embeds for many requests at once, and the pool's threads spun while
 * waiting for work, doubling the CPU of an embedding (11.5 → 5.7 ms a sentence) for no gain in throughput.
 */
public final class TextEmbedder {

    /** Carried with every vector in events, so a reader can tell whether it can compare vectors. */
    public static final String MODEL_ID = "all-MiniLM-L6-v2-q";
    public static final int DIMENSIONS = 384;
    /** The model reads at most 256 word pieces; longer text only costs time. */
    static final int MAX_CHARS = 2_000;

    private final EmbeddingModel model = new SingleThreadedMiniLm();

    /**
     * The normalised embedding of {@code text}; text that shows nothing (only spaces, zero-width and format
     * characters: the model refuses it) is the zero vector, similar to nothing.
     */
    public float[] embed(String text) {
        if (Texts.invisible(text)) {
            return new float[DIMENSIONS];
        }
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return Vectors.normalized(model.embed(bounded).content().vector());
    }

    /** The text a skill is known by: its name, description, tags and examples, in that order. */
    public static String skillText(String name, String description, List<String> tags, List<String> examples) {
        return Stream.concat(Stream.of(name, description, String.join(", ", tags)), examples.stream())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(". "));
    }

    /** all-MiniLM-L6-v2-q from the langchain4j jar, in a session of our own settings. */
    private static final class SingleThreadedMiniLm extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        SingleThreadedMiniLm() {
            super(Runnable::run); // embedAll's batches run on the caller too
            try (InputStream model = resource("all-minilm-l6-v2-q.onnx");
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                encoder = new OnnxBertBiEncoder(environment, environment.createSession(model.readAllBytes(), options),
                        resource("all-minilm-l6-v2-q-tokenizer.json"), PoolingMode.MEAN);
            } catch (IOException | OrtException e) {
                throw new IllegalStateException("cannot load the embedding model", e);
            }
        }

        private static InputStream resource(String name) {
            InputStream stream = AbstractInProcessEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
            if (stream == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return stream;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
