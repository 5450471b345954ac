package io.lode.semantics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Arithmetic on embedding vectors. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * Cosine similarity of two unit vectors. Four independent sums let the CPU overlap the additions (one running
     * sum waits for each add to finish); ranking 10,000 agents is mostly this loop.
     */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int end = a.length - 3; i < end; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    public static float[] normalized(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = norm == 0 ? 0 : (float) (vector[i] / norm);
        }
        return unit;
    }

    public static float[] of(List<Float> values) {
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }

    /** Vectors of {@link TextEmbedder#DIMENSIONS} floats, one after another, float32 little-endian: for storage. */
    public static byte[] toBytes(List<float[]> vectors) {
        ByteBuffer buffer = ByteBuffer.allocate(vectors.size() * TextEmbedder.DIMENSIONS * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float[] vector : vectors) {
            if (vector.length != TextEmbedder.DIMENSIONS) {
                throw new IllegalArgumentException("a vector of " + vector.length + " dimensions");
            }
            for (float value : vector) {
                buffer.putFloat(value);
            }
        }
        return buffer.array();
    }

    public static List<float[]> fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> vectors = new ArrayList<>();
        while (buffer.remaining() >= TextEmbedder.DIMENSIONS * Float.BYTES) {
            float[] vector = new float[TextEmbedder.DIMENSIONS];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = buffer.getFloat();
            }
            vectors.add(vector);
        }
        return vectors;
    }

    public static List<Float> toList(float[] vector) {
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
        }
        return List.of(boxed);
    }
}
