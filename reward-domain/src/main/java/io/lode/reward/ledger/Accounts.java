package io.lode.reward.ledger;

/** The system accounts and how account ids name their kind. */
public final class Accounts {

    /** Source of all credits: deposits and emissions; the only account whose balance goes negative. */
    public static final String MINT = "mint";
    /** Receives the protocol fee. */
    public static final String TREASURY = "treasury";

    private Accounts() {
    }

    public static String escrowOf(String taskId) {
        return "escrow:" + taskId;
    }

    /** Where an agent's emission rewards wait until they vest. */
    public static String unvestedOf(String agentId) {
        return "unvested:" + agentId;
    }

    public enum Kind { CONSUMER, AGENT, ESCROW, TREASURY, MINT, UNVESTED }
}
