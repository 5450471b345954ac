package io.lode.reward.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A balanced set of postings. Construction fails unless the postings sum to zero; postings on the same
 * account are merged and zero legs dropped, so the database sees one non-zero leg per account.
 */
public record LedgerTransaction(String kind, String taskId, String memo, List<Posting> postings) {

    public LedgerTransaction {
        Map<String, Long> merged = new LinkedHashMap<>();
        long sum = 0;
        for (Posting posting : postings) {
            merged.merge(posting.accountId(), posting.amount(), Math::addExact);
            sum = Math.addExact(sum, posting.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException(kind + " does not balance: postings sum to " + sum);
        }
        postings = merged.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> new Posting(e.getKey(), e.getValue())).toList();
        if (postings.isEmpty()) {
            throw new IllegalArgumentException(kind + " moves nothing");
        }
    }
}
