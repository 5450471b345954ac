package io.lode.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.lode.semantics.TextEmbedder;
import io.lode.semantics.Vectors;

/**
 * Skill vectors for benchmark agents: a corpus of distinct, really embedded skill texts ("Translates invoices
 * into French", …) that agents draw 1–3 skills from, plus the one arithmetic skill a correct ranking must put
 * first for "multiply two numbers".
 */
final class SkillCorpus {

    static final String ARITHMETIC_QUERY = "multiply two numbers";
    static final List<String> QUERIES = List.of(ARITHMETIC_QUERY, "translate my contract to French",
            "summarise this news article", "find the people mentioned in an email", "is this review positive",
            "fix the grammar of my essay", "explain this tax form simply", "turn my invoice into JSON",
            "answer questions about a scientific paper", "write a poem for children");

    private static final String[] VERBS = {"Translates", "Summarises", "Classifies", "Extracts entities from",
        "Generates", "Checks the grammar of", "Converts", "Answers questions about", "Explains", "Reviews"};
    private static final String[] OBJECTS = {"legal contracts", "medical records", "tweets", "source code",
        "invoices", "recipes", "news articles", "weather reports", "chess games", "song lyrics", "job adverts",
        "product reviews", "scientific papers", "emails", "poems", "tax forms", "travel itineraries",
        "support tickets", "meeting notes", "bank statements"};
    private static final String[] MANNERS = {"into French", "for children", "as JSON", "in bullet points",
        "in plain English"};

    final TextEmbedder embedder = new TextEmbedder();
    final float[] arithmetic = embedder.embed(TextEmbedder.skillText("Arithmetic",
            "Evaluates arithmetic expressions: add, subtract, multiply, divide", List.of("math"),
            List.of("what is 17 * 23?")));
    private final List<float[]> vectors = new ArrayList<>();
    private final Random random;

    /** A corpus sized for {@code agents} agents (a tenth as many texts, at least 50). */
    SkillCorpus(int agents, long seed) {
        this.random = new Random(seed);
        int size = Math.min(VERBS.length * OBJECTS.length * MANNERS.length, Math.max(50, agents / 10));
        for (int i = 0; i < size; i++) {
            vectors.add(embedder.embed(VERBS[i % VERBS.length] + " " + OBJECTS[(i / VERBS.length) % OBJECTS.length]
                    + " " + MANNERS[(i / (VERBS.length * OBJECTS.length)) % MANNERS.length]));
        }
    }

    /** One to three skill vectors for the next agent, shared with other agents drawing the same texts. */
    List<float[]> skillsOfNextAgent() {
        List<float[]> skills = new ArrayList<>();
        for (int s = 0; s < 1 + random.nextInt(3); s++) {
            skills.add(vectors.get(random.nextInt(vectors.size())));
        }
        return skills;
    }

    /**
     * One to three skill vectors of its own for the next agent: a corpus text's vector with a little noise,
     * renormalised. Real agents have distinct skills, so every agent's vectors occupy their own memory — which a
     * ranking that reads them all has to fetch.
     */
    List<float[]> distinctSkillsOfNextAgent() {
        List<float[]> skills = new ArrayList<>();
        for (float[] shared : skillsOfNextAgent()) {
            float[] own = new float[shared.length];
            for (int i = 0; i < own.length; i++) {
                own[i] = shared[i] + (float) (random.nextGaussian() * 0.01);
            }
            skills.add(Vectors.normalized(own));
        }
        return skills;
    }

    Random random() {
        return random;
    }
}
