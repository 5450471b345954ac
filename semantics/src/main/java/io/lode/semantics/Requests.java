package io.lode.semantics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a plain-language task asks, told apart from the material it is about. "Summarise this: &lt;a paragraph on
 * tax rules&gt;" asks for a summary; embedded whole, the paragraph drowns the instruction and the task looks like
 * a question for the tax explainer. So routing compares skills with the task as a whole <em>and</em> with each
 * sentence that reads as a request, and takes the best match.
 *
 * <p>Material is set aside by its shape, not its words, so the rule holds for any topic and any language of the
 * material: fenced code blocks (kept as a word saying what they are, "(python code)"), quoted passages of several
 * words, and paragraphs of data (lines mostly of digits and punctuation: CSV, JSON, YAML, tables). Of the prose
 * left, a sentence reads as a request when it is a question, ends in a colon (what follows is its material), opens
 * with a request word or an imperative, or is the first or last sentence of the task and short — instructions come
 * first or last. Within one sentence, "… and then …" separates needs: "translate this and then summarise it" is
 * two requests, which routing reports as more than one skill asked for.
 */
public final class Requests {

    /** The request sentences kept per task, the last ones when there are more: each costs an embedding. */
    public static final int MAX_REQUESTS = 4;
    /** Parts of one request told apart by "and then"; more are not needs but a list, and each would be embedded. */
    public static final int MAX_NEEDS = 4;
    /**
     * Characters of a task read for its requests: the first and last half of this (instructions come first or last).
     * A task may be 256 KiB; reading all of it for every routing would let one input cost the router what thousands
     * of ordinary ones do.
     */
    static final int MAX_READ = 8_000;
    /** A first or last sentence up to this long reads as an instruction even without a request word. */
    private static final int SHORT_SENTENCE = 120;

    private static final Pattern FENCE = Pattern.compile("```([A-Za-z0-9_+#.-]*)[^\\n]*\\n.*?(?:```|\\z)",
            Pattern.DOTALL);
    // Bounded, and no opening quote inside: a run of unclosed quotes cannot make the search quadratic.
    private static final Pattern QUOTED = Pattern.compile("[\"“«„]([^\"”»“«„]{24,2000})[\"”»“]");
    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|(?<=:)\\s+(?=\\S)|\\n");
    private static final Pattern THEN = Pattern.compile("(?i)[,;]?\\s+(?:and\\s+then|and\\s+afterwards|then|"
            + "after\\s+that|and\\s+also|followed\\s+by)\\s+");
    /**
     * Words a request opens with: the polite and modal forms, and the verbs people use to ask for work. A sentence
     * that opens otherwise can still be a question, end in a colon or stand first or last.
     */
    private static final Pattern REQUEST_OPENING = Pattern.compile("(?i)^(?:please|pls|plz|kindly|can|could|would|"
            + "will|help|i\\s+need|i'd\\s+like|i\\s+would\\s+like|i\\s+want|we\\s+need|give|write|make|tell|show|"
            + "explain|translate|convert|summari[sz]e|list|find|extract|classify|label|turn|put|fix|review|check|"
            + "scale|halve|double|pull|condense|generate|create|draft|compose|rewrite|format|calculate|compute|"
            + "work\\s+out|what|how|which|who|why|when|where|is|are|does|do)\\b");

    /** The task's requests; {@code needs} are the parts of a request joined by "and then" (empty: one need). */
    public record Request(List<String> requests, List<List<String>> needs, List<String> material) {

        /** The texts to compare with skills: the whole task first, then each request not equal to it. */
        public List<String> texts(String input) {
            Set<String> texts = new LinkedHashSet<>();
            texts.add(input);
            texts.addAll(requests);
            return List.copyOf(texts);
        }
    }

    private Requests() {
    }

    public static Request of(String input) {
        if (input == null || Texts.invisible(input)) {
            return new Request(List.of(), List.of(), List.of());
        }
        List<String> material = new ArrayList<>();
        String read = input.length() <= MAX_READ ? input
                : input.substring(0, MAX_READ / 2) + "\n\n" + input.substring(input.length() - MAX_READ / 2);
        String prose = setAsideCode(read, material);
        prose = setAsideQuotes(prose, material);
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : PARAGRAPH.split(prose)) {
            if (Texts.invisible(paragraph)) {
                continue;
            }
            if (isData(paragraph)) {
                material.add("data");
            } else {
                paragraphs.add(paragraph.strip());
            }
        }
        List<String> requests = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            List<String> sentences = sentences(paragraphs.get(p));
            for (int s = 0; s < sentences.size(); s++) {
                String sentence = sentences.get(s);
                boolean edge = (p == 0 && s == 0) || (p == paragraphs.size() - 1 && s == sentences.size() - 1);
                if (readsAsRequest(sentence) || (edge && sentence.length() <= SHORT_SENTENCE)) {
                    requests.add(sentence);
                }
            }
        }
        if (requests.size() > MAX_REQUESTS) {
            requests = requests.subList(requests.size() - MAX_REQUESTS, requests.size());
        }
        List<List<String>> needs = new ArrayList<>();
        for (String request : requests) {
            List<String> parts = needs(request);
            if (parts.size() > 1) {
                needs.add(parts);
            }
        }
        return new Request(List.copyOf(requests), List.copyOf(needs), List.copyOf(material));
    }

    /** Code blocks become a word saying what they are: their language matters to routing, their lines do not. */
    private static String setAsideCode(String input, List<String> material) {
        Matcher fence = FENCE.matcher(input);
        StringBuilder out = new StringBuilder();
        while (fence.find()) {
            String kind = fence.group(1).isEmpty() ? "code" : fence.group(1).toLowerCase(Locale.ROOT) + " code";
            material.add(kind);
            fence.appendReplacement(out, Matcher.quoteReplacement(" (" + kind + ") "));
        }
        fence.appendTail(out);
        return out.toString();
    }

    /** A quoted passage is what the request is about ("Is this review positive? \"…\""), not the request. */
    private static String setAsideQuotes(String prose, List<String> material) {
        Matcher quoted = QUOTED.matcher(prose);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            material.add("quoted text");
            quoted.appendReplacement(out, Matcher.quoteReplacement("\"…\""));
        }
        quoted.appendTail(out);
        return out.toString();
    }

    /**
     * Three lines or more, and under 60 % letters (JSON, YAML, numbers) or the same number of delimiters on every
     * line (CSV, TSV, a table of words).
     */
    private static boolean isData(String paragraph) {
        List<String> lines = paragraph.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 3) {
            return false;
        }
        long letters = paragraph.codePoints().filter(Character::isLetter).count();
        return letters < paragraph.length() * 0.6 || sameDelimiters(lines);
    }

    private static boolean sameDelimiters(List<String> lines) {
        for (char delimiter : new char[] {',', '\t', '|', ';'}) {
            long first = lines.get(0).chars().filter(c -> c == delimiter).count();
            if (first > 0 && lines.stream().allMatch(l -> l.chars().filter(c -> c == delimiter).count() == first)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> sentences(String paragraph) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(paragraph)) {
            String stripped = sentence.strip();
            if (stripped.codePoints().filter(Character::isLetter).count() >= 2) {
                sentences.add(stripped);
            }
        }
        return sentences;
    }

    private static boolean readsAsRequest(String sentence) {
        return sentence.endsWith("?") || sentence.endsWith(":") || REQUEST_OPENING.matcher(sentence).find();
    }

    /** "translate this and then summarise it" → ["translate this", "summarise it"]; one part: one need. */
    static List<String> needs(String request) {
        List<String> parts = new ArrayList<>();
        for (String part : THEN.split(request)) {
            if (part.codePoints().filter(Character::isLetter).count() >= 3 && parts.size() < MAX_NEEDS) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
