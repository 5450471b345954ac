package io.lode.verifier.llm;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How often the LLM judge agrees with the known verdicts of honeypot answers, over the last {@code window}
 * audits. Below {@code minAgreement} (after at least {@code minAudits}) the judge is benched: it is still audited,
 * but its ratings decide nothing until its agreement recovers.
 */
public final class JudgeAudit {

    private final int window;
    private final int minAudits;
    private final double minAgreement;
    private final Deque<Boolean> recent = new ArrayDeque<>();

    public JudgeAudit(int window, int minAudits, double minAgreement) {
        this.window = window;
        this.minAudits = minAudits;
        this.minAgreement = minAgreement;
    }

    public synchronized void record(boolean agreed) {
        recent.addLast(agreed);
        if (recent.size() > window) {
            recent.removeFirst();
        }
    }

    public synchronized boolean trusted() {
        return recent.size() < minAudits || agreement() >= minAgreement;
    }

    public synchronized double agreement() {
        return recent.isEmpty() ? 1 : recent.stream().filter(a -> a).count() / (double) recent.size();
    }
}
