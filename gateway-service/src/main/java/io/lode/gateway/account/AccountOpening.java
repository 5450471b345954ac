package io.lode.gateway.account;

import java.sql.SQLException;

import io.lode.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opening an account, for the API ({@code POST /v1/accounts}) and the console alike: self-serve on a network that
 * allows it, otherwise with the operator's admin token only; answered once the ledger knows the account (or its wait
 * ran out: {@code ready} false), so the key can be used at once.
 */
@ApplicationScoped
public class AccountOpening {

    /** A new account and its API key, shown this once. */
    public record Opened(String accountId, String apiKey, long startingCredits, boolean ready, String ownerKey) {
    }

    private final AccountRepository accounts;
    private final LedgerClient ledger;
    private final GatewayConfig config;

    public AccountOpening(AccountRepository accounts, LedgerClient ledger, GatewayConfig config) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.config = config;
    }

    /** Whether anyone may open an account here (a local network), not only the operator. */
    public boolean selfServe() {
        return config.selfServeAccounts();
    }

    /**
     * Opens an account for a caller with {@code authorization} (403 {@code accounts-by-operator} unless self-serve
     * or the admin token), tied to the agent key that signed {@code signedOpening} when there is one
     * ({@link AccountOwnership}).
     */
    public Opened open(String authorization, byte[] signedOpening) throws SQLException, InterruptedException {
        if (!config.selfServeAccounts() && !AdminApi.isAdmin(config, authorization)) {
            throw Problems.of(403, "accounts-by-operator", "Accounts are opened by the operator",
                    "this network opens accounts with the operator's admin token only");
        }
        String ownerKey = AccountOwnership.ownerKey(signedOpening);
        String accountId = ApiKeys.newAccountId();
        String apiKey = ApiKeys.newKey();
        accounts.open(accountId, ApiKeys.hash(apiKey), config.startingCredits(), ownerKey);
        return new Opened(accountId, apiKey, config.startingCredits(), ledger.awaitAccount(accountId), ownerKey);
    }
}
