package io.lode.gateway.account;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.gateway.account.AccountOpening.Opened;
import io.lode.gateway.edge.ClientAddresses;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Consumer accounts: creation (self-serve with starting credits on a local network; the operator's alone in
 * production), "me", and the caller's key (rotate, revoke).
 */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountRepository accounts;
    private final AccountOpening opening;
    private final LedgerClient ledger;
    private final ApiKeyCheck keys;
    private final ClientAddresses clients;

    /** The HTTP request being served (its client address counts unknown keys). */
    @jakarta.ws.rs.core.Context
    io.vertx.core.http.HttpServerRequest request;

    public AccountResource(AccountRepository accounts, AccountOpening opening, LedgerClient ledger, ApiKeyCheck keys,
                           ClientAddresses clients) {
        this.clients = clients;
        this.keys = keys;
        this.accounts = accounts;
        this.opening = opening;
        this.ledger = ledger;
    }

    /**
     * Creates an account; answers once the ledger knows it, so the key can be used at once. An optional body signed
     * with an agent key ({@link AccountOwnership}) ties the account to that key.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "201", description = "The account, with its API key (shown this once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Created.class)))
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] signedOpening)
            throws SQLException, InterruptedException {
        Opened opened = opening.open(authorization, signedOpening);
        return Response.status(201).entity(new Created(opened.accountId(), opened.apiKey(), opened.startingCredits(),
                opened.ready() ? "ready" : "pending", opened.ownerKey())).location(URI.create("/v1/accounts/me"))
                .build();
    }

    /**
     * A new account: {@code ledger} "ready" once the ledger knows it ("pending" if it did not answer in time);
     * {@code ownerKey}, the agent key it was opened with, when it was.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Created(String accountId, String apiKey, long startingCredits, String ledger, String ownerKey) {
    }

    @GET
    @Path("/me")
    public Map<String, Object> me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
            throws SQLException, IOException, InterruptedException {
        String accountId = authenticate(authorization);
        JsonNode balance;
        try {
            balance = ledger.balance(accountId).orElse(null);
        } catch (IOException e) {
            throw Problems.of(503, "backend-unavailable", "Backend unavailable",
                    "the ledger cannot tell the balance right now: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId);
        body.put("balance", balance);
        return body;
    }

    /** Issues a new API key for the caller's account; the key used for this call stops working at once. */
    @POST
    @Path("/me/key")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> rotateKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
            throws SQLException {
        String accountId = authenticate(authorization);
        String apiKey = ApiKeys.newKey();
        accounts.rotateKey(accountId, ApiKeys.hash(apiKey));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId);
        body.put("apiKey", apiKey);
        return body;
    }

    /** Revokes the caller's API key: nothing works with it any more, and only the operator can issue a new one. */
    @DELETE
    @Path("/me/key")
    @APIResponse(responseCode = "204", description = "Revoked: the key no longer works")
    public Response revokeKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        accounts.revokeKey(authenticate(authorization));
        return Response.noContent().build();
    }

    private String authenticate(String authorization) throws SQLException {
        return keys.authenticate(authorization, clients.of(request));
    }
}
