package io.lode.verifier.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.lode.verifier.judging.Judgement;

/**
 * Exam questions of a skill no family checks, answered by the agent and scored by a panel of judges: built from
 * the skill's declared examples — one as declared, the others keeping the example's instruction (what comes before
 * a colon in its first 120 characters) over fresh invented words, so the answers cannot be learnt by heart. A skill
 * that declares no example is asked in its own name ("ROT13 cipher: kalo mizan").
 */
public final class PanelQuestions implements ChallengeFamily {

    @Override
    public Challenge.Checker checker() {
        return Challenge.Checker.PANEL;
    }

    /** None: a skill gets a panel exam when no family names it and judges can review it, not by its words. */
    @Override
    public List<String> terms() {
        return List.of();
    }

    /** A question without examples to build on: the skill's id as its instruction. */
    @Override
    public Challenge generate(String skillId, RandomGenerator random) {
        return questions(new DeclaredSkill(skillId, skillId, "", List.of()), List.of(), 1, random).get(0);
    }

    /** {@code count} questions for the skill, the first an example as declared when it has one. */
    public static List<Challenge> questions(DeclaredSkill skill, List<String> examples, int count,
                                            RandomGenerator random) {
        List<String> usable = examples.stream().filter(e -> !e.isBlank() && e.length() <= 1_000).toList();
        List<Challenge> questions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String input;
            if (i == 0 && !usable.isEmpty()) {
                input = usable.get(random.nextInt(usable.size()));
            } else {
                String instruction = usable.isEmpty() ? skill.name()
                        : instruction(usable.get(random.nextInt(usable.size())), skill.name());
                input = instruction + ": " + inventedText(random);
            }
            questions.add(new Challenge(skill.id(), input, Challenge.Checker.PANEL, null));
        }
        return questions;
    }

    private static String instruction(String example, String fallback) {
        int colon = example.indexOf(':');
        return colon > 0 && colon <= 120 ? example.substring(0, colon).strip() : fallback;
    }

    private static String inventedText(RandomGenerator random) {
        List<String> words = new ArrayList<>();
        int n = random.nextInt(3, 8);
        for (int i = 0; i < n; i++) {
            String word = Words.invented(random, random.nextInt(1, 4));
            words.add(i == 0 ? Words.capitalised(word) : word);
        }
        return String.join(" ", words);
    }

    /** Never called: the verifier opens a panel for these questions instead of checking them itself. */
    @Override
    public Judgement check(Challenge challenge, String answer) {
        throw new IllegalStateException("a panel exam question is scored by judges, not by a checker");
    }
}
