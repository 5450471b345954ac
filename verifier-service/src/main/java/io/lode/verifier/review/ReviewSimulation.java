package io.lode.verifier.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import io.lode.events.verdicts.Verdict;
import io.lode.verifier.reputation.Reputation;
import io.lode.verifier.reputation.ReputationModel;

/**
 * A seeded simulation of review by judge panels ({@link Panel}, {@link JudgeStanding}) over workers of an
 * uncheckable skill, with honest judges and the lazy, biased, hijackable and colluding ones the network must
 * bench. Everything is drawn from one {@link SplittableRandom} per seed, so a seed always gives the same verdicts
 * (its digest over every decision and panel is part of the report).
 * <p>
 * The model: an answer has a true quality in [0, 1] (a good worker's answers are 0.9 ± 0.05, a bad one's
 * 0.2 ± 0.05, a mixed worker's uniform). An honest judge scores quality + N(0, 0.1). The always-0.7 judge says 0.7;
 * the random one a uniform score; the position-biased one ±0.45 by which part of the request comes first; the
 * length-biased one 0.95 for a padded answer; the injection-obeying one 1.0 for an answer carrying "SCORE: 10";
 * a ring member 1.0 for its ring's marked worker (who re-registers whenever suspended). Every judge first answers
 * {@value JudgeStanding#WINDOW} golds (its exam), then one gold for every three real reviews (25 % of its load),
 * each block of eight golds holding every {@link GoldKind} once, in shuffled order; about one corruption in eight
 * is of the marked worker's work. A worker in probation has every task reviewed; after it, 20 % are sampled, and a
 * consumer disputes half the answers it finds poor (quality &lt; 0.5), which are reviewed too. Reputation uses the
 * verifier's {@link ReputationModel} with its defaults (decay 0.97; probation ends after 5 passes with a Wilson
 * bound ≥ 0.7); suspension uses the registry's defaults (below 0.3 after 10 verdicts). A reviewed task's panel
 * shares {@value #JUDGE_SHARE} of its fee among the judges that were near the median (≤ {@value #PAID_NEAR}).
 */
public final class ReviewSimulation {

    static final double JUDGE_SHARE = 0.25;
    static final double PAID_NEAR = io.lode.identity.PanelMedian.NEAR; // the ledger pays by the same rule
    static final long FEE = 1_000;
    static final int ROUNDS = 120;
    static final double SAMPLE_SHARE = 0.2;
    static final double FLOOR = 0.3;
    static final long FLOOR_MIN_VERDICTS = 10;
    static final String TAG = "sim";

    private static final ReputationModel REPUTATION = new ReputationModel(0.97, 5, 0.7);

    /** How a simulated judge scores. */
    public enum JudgeKind { HONEST, ALWAYS_07, RANDOM, POSITION_BIASED, LENGTH_BIASED, INJECTION_OBEYING, RING }

    enum WorkerKind { GOOD, BAD, MARKED, INJECTOR, MIXED }

    record Answer(double quality, boolean padded, boolean injected, boolean marked) {
    }

    static final class Judge {
        final String id;
        final JudgeKind kind;
        final JudgeStanding standing = new JudgeStanding();
        final Deque<GoldKind> goldQueue = new ArrayDeque<>();
        long benchedAtGold = -1;
        long benchedAtReview = -1;
        long paid;

        Judge(String id, JudgeKind kind) {
            this.id = id;
            this.kind = kind;
        }

        String owner() {
            return "owner-" + id;
        }

        double score(Answer answer, boolean answerFirst, SplittableRandom random) {
            double honest = clamp(answer.quality() + random.nextGaussian() * 0.1);
            return switch (kind) {
                case HONEST -> honest;
                case ALWAYS_07 -> 0.7;
                case RANDOM -> random.nextDouble();
                case POSITION_BIASED -> clamp(honest + (answerFirst ? 0.45 : -0.45));
                case LENGTH_BIASED -> answer.padded() ? 0.95 : honest;
                case INJECTION_OBEYING -> answer.injected() ? 1.0 : honest;
                case RING -> answer.marked() ? 1.0 : honest;
            };
        }

        void noteBench() {
            if (benchedAtGold < 0 && standing.benched()) {
                benchedAtGold = standing.goldsAnswered();
                benchedAtReview = standing.reviews();
            }
        }
    }

    static final class Worker {
        final WorkerKind kind;
        String id;
        Reputation reputation = Reputation.fresh();
        long tasks;
        long leftProbationAt = -1;
        boolean suspended;
        long suspendedAtVerdict = -1;

        Worker(WorkerKind kind, String id) {
            this.kind = kind;
            this.id = id;
        }

        String owner() {
            return "owner-" + id;
        }

        Answer answer(SplittableRandom random) {
            double quality = switch (kind) {
                case GOOD -> clamp(0.9 + random.nextGaussian() * 0.05);
                case BAD, MARKED, INJECTOR -> clamp(0.2 + random.nextGaussian() * 0.05);
                case MIXED -> random.nextDouble();
            };
            return new Answer(quality, false, kind == WorkerKind.INJECTOR, kind == WorkerKind.MARKED);
        }
    }

    /** What one seed showed. */
    public record SeedResult(long seed, boolean goodLeftProbationWithin30, boolean goodReputationAtLeast08,
                             long goodTasksToLeaveProbation, long badPasses, long badReviewed,
                             boolean badSuspendedWithin30Verdicts, Map<JudgeKind, Boolean> benchedWithin40Golds,
                             long injectedPasses, long injectedReviewed, long markedPasses, long markedReviewed,
                             boolean ringBenchedWithin100Reviews, long highRight, long high, long lowRight, long low,
                             long middleInconclusive, long middle, long consumerJudgePay, long networkJudgePay,
                             long consumerFees, boolean lazyJudgeEarnedNothing, String digest) {
    }

    public SeedResult run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MessageDigest digest = sha256();
        List<Judge> judges = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            judges.add(new Judge("honest-" + i, JudgeKind.HONEST));
        }
        for (JudgeKind kind : List.of(JudgeKind.ALWAYS_07, JudgeKind.RANDOM, JudgeKind.POSITION_BIASED,
                JudgeKind.LENGTH_BIASED, JudgeKind.INJECTION_OBEYING)) {
            judges.add(new Judge(kind.name().toLowerCase(Locale.ROOT), kind));
        }
        for (int i = 0; i < 4; i++) {
            judges.add(new Judge("ring-" + i, JudgeKind.RING));
        }
        for (Judge judge : judges) {
            for (int g = 0; g < JudgeStanding.WINDOW; g++) {
                gold(judge, random);
            }
        }
        List<Worker> workers = new ArrayList<>(List.of(new Worker(WorkerKind.GOOD, "good"),
                new Worker(WorkerKind.BAD, "bad"), new Worker(WorkerKind.MARKED, "marked-0"),
                new Worker(WorkerKind.INJECTOR, "injector-0")));
        for (int i = 0; i < 4; i++) {
            workers.add(new Worker(WorkerKind.MIXED, "mixed-" + i + "-0"));
        }

        long goodPeakReputationWithin30 = 0;
        Worker good = workers.get(0);
        Worker bad = workers.get(1);
        long badPasses = 0;
        long badReviewed = 0;
        long injectedPasses = 0;
        long injectedReviewed = 0;
        long markedPasses = 0;
        long markedReviewed = 0;
        long highRight = 0;
        long high = 0;
        long lowRight = 0;
        long low = 0;
        long middleInconclusive = 0;
        long middle = 0;
        long consumerJudgePay = 0;
        long networkJudgePay = 0;
        long consumerFees = 0;
        long epochSeed = random.nextLong();
        int generation = 0;

        for (int round = 0; round < ROUNDS; round++) {
            for (Worker worker : workers) {
                if (worker.suspended) {
                    continue;
                }
                worker.tasks++;
                String taskId = "tsk-" + round + "-" + worker.id;
                Answer answer = worker.answer(random);
                boolean reviewed = worker.reputation.probation() || random.nextDouble() < SAMPLE_SHARE
                        || answer.quality() < 0.5 && random.nextDouble() < 0.5;
                if (!reviewed) {
                    consumerFees += FEE;
                    continue;
                }
                Panel.Decision decision = review(judges, worker, answer, taskId, epochSeed, random);
                update(digest, taskId + " " + worker.id + " " + decision);
                long pool = Math.round(FEE * JUDGE_SHARE);
                List<Judge> near = new ArrayList<>();
                for (Panel.Score s : decision.scores()) {
                    Judge judge = byId(judges, s.judgeId());
                    judge.standing.recordReview(Math.abs(s.score() - decision.median()));
                    if (Math.abs(s.score() - decision.median()) <= PAID_NEAR && s.weight() > 0) {
                        near.add(judge);
                    }
                    if (random.nextInt(3) == 0) {
                        gold(judge, random);
                    }
                    judge.noteBench();
                }
                if (!near.isEmpty()) {
                    long each = pool / near.size();
                    near.forEach(j -> j.paid += each);
                    if (decision.verdict() == Verdict.FAIL) {
                        networkJudgePay += each * near.size();
                    } else {
                        consumerJudgePay += each * near.size();
                    }
                }
                if (decision.verdict() != Verdict.FAIL) {
                    consumerFees += FEE;
                }

                boolean passed = decision.verdict() == Verdict.PASS;
                if (answer.quality() >= 0.75) {
                    high++;
                    highRight += passed ? 1 : 0;
                } else if (answer.quality() <= 0.35) {
                    low++;
                    lowRight += decision.verdict() == Verdict.FAIL ? 1 : 0;
                } else {
                    middle++;
                    middleInconclusive += decision.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
                }
                switch (worker.kind) {
                    case BAD -> {
                        badReviewed++;
                        badPasses += passed ? 1 : 0;
                    }
                    case INJECTOR -> {
                        injectedReviewed++;
                        injectedPasses += passed ? 1 : 0;
                    }
                    case MARKED -> {
                        markedReviewed++;
                        markedPasses += passed ? 1 : 0;
                    }
                    default -> {
                    }
                }
                if (decision.verdict() != Verdict.INCONCLUSIVE) {
                    boolean wasOnProbation = worker.reputation.probation();
                    worker.reputation = REPUTATION.observe(worker.reputation, decision.median(), 1, passed);
                    if (wasOnProbation && !worker.reputation.probation()) {
                        worker.leftProbationAt = worker.tasks;
                    }
                    if (worker.reputation.verdicts() >= FLOOR_MIN_VERDICTS && worker.reputation.score() < FLOOR) {
                        worker.suspended = true;
                        worker.suspendedAtVerdict = worker.reputation.verdicts();
                    }
                }
                if (worker == good && worker.tasks <= 30) {
                    goodPeakReputationWithin30 = Math.max(goodPeakReputationWithin30,
                            Math.round(worker.reputation.score() * 1000));
                }
            }
            // A suspended ring worker, injector or mixed worker comes back under a fresh key: the pressure goes on.
            for (int i = 2; i < workers.size(); i++) {
                Worker w = workers.get(i);
                if (w.suspended) {
                    generation++;
                    String base = w.id.substring(0, w.id.lastIndexOf('-'));
                    workers.set(i, new Worker(w.kind, base + "-" + generation));
                }
            }
        }

        Map<JudgeKind, Boolean> benched = new EnumMap<>(JudgeKind.class);
        boolean ringBenched = true;
        for (Judge judge : judges) {
            judge.noteBench();
            if (judge.kind == JudgeKind.RING) {
                ringBenched &= judge.benchedAtGold >= 0 && judge.benchedAtReview <= 100;
            } else if (judge.kind != JudgeKind.HONEST) {
                benched.put(judge.kind, judge.benchedAtGold >= 0 && judge.benchedAtGold <= 40);
            }
        }
        boolean lazyEarnedNothing = judges.stream().filter(j -> j.kind == JudgeKind.ALWAYS_07)
                .allMatch(j -> j.paid == 0);
        return new SeedResult(seed, good.leftProbationAt > 0 && good.leftProbationAt <= 30,
                goodPeakReputationWithin30 >= 800, good.leftProbationAt, badPasses, badReviewed,
                bad.suspendedAtVerdict > 0 && bad.suspendedAtVerdict <= 30, benched, injectedPasses, injectedReviewed,
                markedPasses, markedReviewed, ringBenched, highRight, high, lowRight, low, middleInconclusive, middle,
                consumerJudgePay, networkJudgePay, consumerFees, lazyEarnedNothing,
                HexFormat.of().formatHex(digest.digest()));
    }

    private static Panel.Decision review(List<Judge> judges, Worker worker, Answer answer, String taskId,
                                         long epochSeed, SplittableRandom random) {
        SplittableRandom draw = new SplittableRandom(Panel.seed(epochSeed, taskId));
        List<Panel.Candidate> candidates = judges.stream().map(j -> new Panel.Candidate(j.id,
                j.standing.weight(), j.owner(), "payout-" + j.id, "endpoint-" + j.id)).toList();
        Panel.Worker who = new Panel.Worker(worker.id, worker.owner(), "payout-" + worker.id, "endpoint-" + worker.id);
        List<Panel.Candidate> panel = Panel.draw(candidates, who, Panel.SIZE, List.of(), draw);
        List<Panel.Score> scores = new ArrayList<>(scores(judges, panel, answer, random));
        Optional<Panel.Decision> first = Panel.first(scores);
        if (first.isPresent()) {
            return first.get();
        }
        List<Panel.Candidate> extra = Panel.draw(candidates, who, Panel.EXTRA, panel, draw);
        scores.addAll(scores(judges, extra, answer, random));
        return Panel.escalated(scores);
    }

    private static List<Panel.Score> scores(List<Judge> judges, List<Panel.Candidate> panel, Answer answer,
                                            SplittableRandom random) {
        List<Panel.Score> scores = new ArrayList<>();
        for (Panel.Candidate c : panel) {
            scores.add(new Panel.Score(c.judgeId(), byId(judges, c.judgeId()).score(answer, random.nextBoolean(),
                    random), c.weight()));
        }
        return scores;
    }

    /** One gold review: the next kind of the judge's shuffled block, judged right or wrong by what it scored. */
    private static void gold(Judge judge, SplittableRandom random) {
        if (judge.goldQueue.isEmpty()) {
            List<GoldKind> block = new ArrayList<>(List.of(GoldKind.values()));
            Collections.shuffle(block, new java.util.Random(random.nextLong()));
            judge.goldQueue.addAll(block);
        }
        GoldKind kind = judge.goldQueue.removeFirst();
        boolean marked = kind != GoldKind.RIGHT && kind != GoldKind.WRONG && random.nextInt(8) == 0;
        boolean correct;
        if (kind == GoldKind.BOTH_ORDERS) {
            boolean goodAnswer = random.nextBoolean();
            Answer answer = new Answer(goodAnswer ? 0.9 : 0.1, false, false, marked && !goodAnswer);
            correct = side(judge.score(answer, true, random), goodAnswer)
                    && side(judge.score(answer, false, random), goodAnswer);
        } else {
            double quality = switch (kind) {
                case RIGHT -> 0.9;
                case WRONG, INJECTED -> 0.1;
                case OTHER_TASK -> 0.05;
                case TRUNCATED, PADDED -> 0.2;
                default -> 0.15;
            };
            Answer answer = new Answer(quality, kind == GoldKind.PADDED, kind == GoldKind.INJECTED, marked);
            correct = side(judge.score(answer, random.nextBoolean(), random), kind.good());
        }
        judge.standing.recordGold(kind, correct);
        judge.noteBench();
    }

    private static boolean side(double score, boolean good) {
        return good ? score >= 0.5 : score < 0.5;
    }

    private static Judge byId(List<Judge> judges, String id) {
        for (Judge j : judges) {
            if (j.id.equals(id)) {
                return j;
            }
        }
        throw new IllegalArgumentException(id);
    }

    static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private static void update(MessageDigest digest, String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The report over many seeds: the shares the promises are measured by. */
    public record Report(int seeds, double goodLeavesProbationWithin30, double goodReputationAtLeast08,
                         double goodMedianTasksToLeave, double badPassRate, double badSuspendedWithin30,
                         Map<JudgeKind, Double> benchedWithin40Golds, double injectedPassRate, double markedPassRate,
                         double ringBenchedWithin100Reviews, double highRight, double lowRight,
                         double middleInconclusive, double consumerJudgeCost, double networkJudgeCost,
                         double lazyJudgeEarnedNothing, boolean deterministic) {
    }

    public Report run(int seeds, long firstSeed) {
        List<SeedResult> results = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            results.add(run(firstSeed + i));
        }
        boolean deterministic = results.stream().limit(20).allMatch(r -> r.digest().equals(run(r.seed()).digest()));
        Map<JudgeKind, Double> benched = new EnumMap<>(JudgeKind.class);
        for (JudgeKind kind : JudgeKind.values()) {
            if (kind != JudgeKind.HONEST && kind != JudgeKind.RING) {
                benched.put(kind, share(results, r -> r.benchedWithin40Golds().get(kind)));
            }
        }
        long[] tasksToLeave = results.stream().mapToLong(SeedResult::goodTasksToLeaveProbation)
                .filter(t -> t > 0).sorted().toArray();
        return new Report(seeds, share(results, SeedResult::goodLeftProbationWithin30),
                share(results, SeedResult::goodReputationAtLeast08),
                tasksToLeave.length == 0 ? Double.NaN : tasksToLeave[tasksToLeave.length / 2],
                ratio(results, SeedResult::badPasses, SeedResult::badReviewed),
                share(results, SeedResult::badSuspendedWithin30Verdicts), benched,
                ratio(results, SeedResult::injectedPasses, SeedResult::injectedReviewed),
                ratio(results, SeedResult::markedPasses, SeedResult::markedReviewed),
                share(results, SeedResult::ringBenchedWithin100Reviews),
                ratio(results, SeedResult::highRight, SeedResult::high),
                ratio(results, SeedResult::lowRight, SeedResult::low),
                ratio(results, SeedResult::middleInconclusive, SeedResult::middle),
                ratio(results, SeedResult::consumerJudgePay, SeedResult::consumerFees),
                ratio(results, SeedResult::networkJudgePay, SeedResult::consumerFees),
                share(results, SeedResult::lazyJudgeEarnedNothing), deterministic);
    }

    private static double share(List<SeedResult> results, java.util.function.Predicate<SeedResult> p) {
        return results.stream().filter(p).count() / (double) results.size();
    }

    private static double ratio(List<SeedResult> results, java.util.function.ToLongFunction<SeedResult> num,
                                java.util.function.ToLongFunction<SeedResult> den) {
        long d = results.stream().mapToLong(den).sum();
        return d == 0 ? Double.NaN : results.stream().mapToLong(num).sum() / (double) d;
    }

    /** The report as the Markdown table the README quotes. */
    public static String markdown(Report r) {
        StringBuilder out = new StringBuilder();
        out.append("| promise (").append(r.seeds()).append(" seeds) | target | measured |\n|---|---|---|\n");
        row(out, "good worker (0.9) leaves probation within 30 tasks", "yes", pct(r.goodLeavesProbationWithin30())
                + " of seeds (median " + (long) r.goodMedianTasksToLeave() + " tasks)");
        row(out, "good worker's reputation reaches 0.8 within 30 tasks", "yes", pct(r.goodReputationAtLeast08()) + " of seeds");
        row(out, "bad worker (0.2) passes", "≤ 5 %", pct(r.badPassRate()));
        row(out, "bad worker suspended within 30 verdicts", "yes", pct(r.badSuspendedWithin30()) + " of seeds");
        r.benchedWithin40Golds().forEach((kind, share) -> row(out, kind.name().toLowerCase(Locale.ROOT)
                .replace('_', '-') + " judge benched within 40 golds", "≥ 99 % of seeds", pct(share)));
        row(out, "answers with an injected score pass", "≤ 5 %", pct(r.injectedPassRate()));
        row(out, "20 % ring: its marked bad worker passes", "≤ 10 %", pct(r.markedPassRate()));
        row(out, "20 % ring: every member benched within 100 reviews", "yes", pct(r.ringBenchedWithin100Reviews())
                + " of seeds");
        row(out, "quality ≥ 0.75 judged PASS", "≥ 95 %", pct(r.highRight()));
        row(out, "quality ≤ 0.35 judged FAIL", "≥ 95 %", pct(r.lowRight()));
        row(out, "quality between: INCONCLUSIVE", "reported", pct(r.middleInconclusive()));
        row(out, "judging paid from consumer fees", "≤ 30 % of fees", pct(r.consumerJudgeCost()));
        row(out, "judging of FAILed work, paid by the network", "reported", pct(r.networkJudgeCost()) + " of fees");
        row(out, "the always-0.7 judge earns nothing", "yes", pct(r.lazyJudgeEarnedNothing()) + " of seeds");
        row(out, "same seed, same verdicts (digest of every decision)", "yes", r.deterministic() ? "yes" : "NO");
        return out.toString();
    }

    private static void row(StringBuilder out, String what, String target, String measured) {
        out.append("| ").append(what).append(" | ").append(target).append(" | ").append(measured).append(" |\n");
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
