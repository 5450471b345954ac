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

    private ReviewContract() {
    }
}
