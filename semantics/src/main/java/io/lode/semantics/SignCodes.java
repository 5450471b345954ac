package io.lode.semantics;

/**
 * One bit per dimension of an embedding: its sign. The Hamming distance of two codes tracks the angle between the
 * vectors (random-hyperplane LSH: each differing bit is a hyperplane between them), at 48 bytes instead of 1,536 and
 * six popcounts instead of 384 multiplications — a cheap first pass before exact cosines on the few that matter.
 */
public final class SignCodes {

    /** Longs per code of a {@link TextEmbedder#DIMENSIONS}-dimension vector. */
    public static final int WORDS = (TextEmbedder.DIMENSIONS + 63) / 64;

    private SignCodes() {
    }

    /** Writes the code of {@code vector} into {@code codes} from {@code offset}. */
    public static void encode(float[] vector, long[] codes, int offset) {
        for (int w = 0; w < WORDS; w++) {
            long word = 0;
            for (int bit = 0; bit < 64; bit++) {
                int dimension = w * 64 + bit;
                if (dimension < vector.length && vector[dimension] > 0) {
                    word |= 1L << bit;
                }
            }
            codes[offset + w] = word;
        }
    }

    public static long[] of(float[] vector) {
        long[] code = new long[WORDS];
        encode(vector, code, 0);
        return code;
    }

    /** Bits in which the code at {@code offset} differs from {@code query}: 0 (same direction) to 384. */
    public static int distance(long[] codes, int offset, long[] query) {
        int distance = 0;
        for (int w = 0; w < WORDS; w++) {
            distance += Long.bitCount(codes[offset + w] ^ query[w]);
        }
        return distance;
    }
}
