package io.lode.reward.ledger;

/** One leg of a ledger transaction: a signed amount in micro-units on one account. */
public record Posting(String accountId, long amount) {
}
