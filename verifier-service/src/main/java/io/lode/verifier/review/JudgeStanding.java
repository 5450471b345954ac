package io.lode.verifier.review;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the network knows of one judge for one skill tag: its last {@value #WINDOW} gold results, its last three
 * results of each gold kind, and how often its last {@value #REVIEW_WINDOW} real reviews were far from the panel's
 * median.
 * <ul>
 *   <li>A new judge has weight 0 until it has answered {@value #WINDOW} golds (its exam).</li>
 *   <li>It is <b>benched</b> — decides nothing, earns nothing — while its gold accuracy over the window is below
 *       {@value #MIN_GOLD_ACCURACY}, while it has failed two of the last three golds of any one kind (a judge that
 *       obeys injections or likes length is wrong on exactly those), or once {@value #MAX_FAR} of its last
 *       {@value #REVIEW_WINDOW} real reviews were more than {@value #FAR} from the median (a ring voting for its
 *       friend; an honest judge's noise is that far about once in 200 reviews).</li>
 *   <li>Otherwise its weight is its gold accuracy, less a third for each recent review far from the median.</li>
 * </ul>
 * Plain state over plain numbers: the simulation and the service use the same rules.
 */
public final class JudgeStanding {

    public static final int WINDOW = 20;
    public static final int REVIEW_WINDOW = 50;
    public static final double MIN_GOLD_ACCURACY = 0.8;
    public static final double FAR = 0.4;
    public static final int MAX_FAR = 3;

    private final Deque<Boolean> golds = new ArrayDeque<>();
    private final Map<GoldKind, Deque<Boolean>> byKind = new EnumMap<>(GoldKind.class);
    private final Deque<Boolean> far = new ArrayDeque<>();
    private final java.util.Set<GoldKind> failingKinds = java.util.EnumSet.noneOf(GoldKind.class);
    private long goldsAnswered;
    private long reviews;
    // Counts kept with the windows: weight() is read for every judge on every draw.
    private int goldsRight;
    private int farCount;

    public void recordGold(GoldKind kind, boolean correct) {
        goldsAnswered++;
        goldsRight += (correct ? 1 : 0) - (push(golds, correct, WINDOW) ? 1 : 0);
        Deque<Boolean> ofKind = byKind.computeIfAbsent(kind, k -> new ArrayDeque<>());
        push(ofKind, correct, 3);
        if (ofKind.stream().filter(ok -> !ok).count() >= 2) {
            failingKinds.add(kind);
        } else {
            failingKinds.remove(kind);
        }
    }

    /** A real review's distance from the median its panel reached. */
    public void recordReview(double distanceFromMedian) {
        reviews++;
        boolean isFar = distanceFromMedian > FAR;
        farCount += (isFar ? 1 : 0) - (push(far, isFar, REVIEW_WINDOW) ? 1 : 0);
    }

    public boolean examined() {
        return goldsAnswered >= WINDOW;
    }

    public boolean benched() {
        if (!examined()) {
            return false;
        }
        return goldAccuracy() < MIN_GOLD_ACCURACY || !failingKinds.isEmpty() || farCount >= MAX_FAR;
    }

    /**
     * 0 before the exam and while benched; else gold accuracy, less a {@value #MAX_FAR}th for each recent review
     * far from the median (so the review that benches it takes the last of its weight).
     */
    public double weight() {
        if (!examined() || benched()) {
            return 0;
        }
        return goldAccuracy() * (1 - (double) farCount / MAX_FAR);
    }

    public double goldAccuracy() {
        return golds.isEmpty() ? 0 : goldsRight / (double) golds.size();
    }

    public long goldsAnswered() {
        return goldsAnswered;
    }

    public long reviews() {
        return reviews;
    }

    /** Appends to a bounded window; whether the value that fell out was true. */
    private static boolean push(Deque<Boolean> window, boolean value, int size) {
        window.addLast(value);
        return window.size() > size && window.removeFirst();
    }
}
