package io.lode.registry.registration;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.lode.semantics.TextEmbedder;
import jakarta.enterprise.context.ApplicationScoped;

/** Embeds an agent's skills once, at registration or update, and stores the vectors compactly. */
@ApplicationScoped
public class SkillEmbeddings {

    private final TextEmbedder embedder = new TextEmbedder();

    public List<float[]> embed(List<AgentCard.Skill> skills) {
        return skills.stream().map(s -> embedder.embed(TextEmbedder.skillText(s.name(), s.description(), s.tags(),
                s.examples()))).toList();
    }

    public float[] embedQuery(String text) {
        return embedder.embed(text);
    }

    /** Float32 little-endian, one vector after another. */
    static byte[] encode(List<float[]> vectors) {
        ByteBuffer buffer = ByteBuffer.allocate(vectors.size() * TextEmbedder.DIMENSIONS * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float[] vector : vectors) {
            for (float value : vector) {
                buffer.putFloat(value);
            }
        }
        return buffer.array();
    }

    static List<float[]> decode(byte[] bytes) {
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
}
