package io.lode.identity;

/**
 * The public names of the review contract between the verifier and judge agents (verifier-service/README, "Review
 * through the network"): the tag that makes a skill a judge's, and the name of the data part a review request
 * carries. Shared so that the orchestrator (which keeps review skills out of routing), the verifier (which examines
 * and seats judges) and our judge agents cannot disagree on them.
 */
public final class ReviewContract {

    /** The tag a judge's review skill carries; with it, the tags of the skills it reviews. */
    public static final String TAG = "lode:review";

    /** The {@code lode} field of a review request's data part. */
    public static final String DATA = "review/v1";

    private static final java.util.regex.Pattern SCORE_LINE =
            java.util.regex.Pattern.compile("(?i)^\\s*SCORE\\s*:\\s*(10(?:\\.0+)?|\\d(?:\\.\\d+)?)\\s*$");

    /**
     * The score a text gives on its last non-empty line, {@code SCORE: n} with n from 0 to 10, as a share of 1; empty
     * when that line is anything else (a score quoted higher up does not count).
     */
    public static java.util.OptionalDouble scoreOnLastLine(String text) {
        String[] lines = text.strip().split("\\R");
        java.util.regex.Matcher score = SCORE_LINE.matcher(lines[lines.length - 1]);
        return score.matches() ? java.util.OptionalDouble.of(Double.parseDouble(score.group(1)) / 10)
                : java.util.OptionalDouble.empty();
    }

    private ReviewContract() {
    }
}
