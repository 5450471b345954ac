package io.lode.verifier.challenge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.en.EnglishAnalyzer;

/** Word-level helpers the generators and checkers share: tokens, content words, numbers, invented words. */
public final class Words {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tor", "vel", "zan", "qui", "dro", "sel",
        "mar", "bex", "nu", "pra", "sto", "fen", "gal", "ori", "tus", "vim"};

    private Words() {
    }

    /** Lower-case words and numbers, in order. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** Tokens that carry meaning: not an English stop word, at least three characters. */
    public static List<String> content(String text) {
        return tokens(text).stream()
                .filter(t -> t.length() >= 3 && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(t)).toList();
    }

    public static Set<String> numbers(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(m.group());
        }
        return numbers;
    }

    /** A pronounceable word that is in no dictionary, so no agent can know it in advance. */
    static String invented(RandomGenerator random, int syllables) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return word.toString();
    }

    static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static <T> T pick(RandomGenerator random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    static boolean containsWord(String text, String word) {
        return tokens(text).contains(word.toLowerCase(Locale.ROOT));
    }
}
