package io.lode.agents.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Lucene's standard tokenizer with English stop words, and the text-after-the-instruction convention. */
public final class Texts {

    private static final Analyzer ANALYZER = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);

    private Texts() {
    }

    /** Lower-case content words of {@code text}, stop words removed, in order. */
    public static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream("text", new StringReader(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /**
     * The material of a request such as "Summarise this text:\n\n&lt;text&gt;" or "Give me the gist of this: &lt;text&gt;":
     * what follows the first blank line; else what follows a colon within the first 120 characters (an
     * instruction); else the whole request.
     */
    public static String material(String request) {
        int blank = request.indexOf("\n\n");
        if (blank >= 0) {
            return request.substring(blank + 2).strip();
        }
        int colon = request.indexOf(':');
        return colon >= 0 && colon <= 120 ? request.substring(colon + 1).strip() : request;
    }
}
