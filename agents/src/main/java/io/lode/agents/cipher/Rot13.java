package io.lode.agents.cipher;

import java.util.List;
import java.util.function.UnaryOperator;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.text.Texts;

/**
 * ROT13 of a text ("Encode with ROT13: Hello" → "Uryyb"): a skill no challenge family covers, so it is examined and
 * reviewed by judges — the example of work only a judge can check.
 */
public final class Rot13 implements UnaryOperator<String> {

    public static final SkillCard SKILL = new SkillCard("rot13", "ROT13 cipher",
            "Encodes or decodes a text with ROT13 (each letter moved 13 places).", List.of("cipher", "rot13"),
            List.of("Encode with ROT13: Hello, world"));

    @Override
    public String apply(String request) {
        return rot13(Texts.material(request));
    }

    public static String rot13(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
