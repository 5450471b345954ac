package io.lode.agents.review;

/** Misbehaving: gives every answer the same score without reading it (the lazy judge gold reviews must bench). */
public final class ConstantJudge extends Judge {

    private final double score;

    public ConstantJudge(double score) {
        this.score = score;
    }

    @Override
    protected Review review(ReviewData request) {
        return new Review(score, "looks fine");
    }
}
