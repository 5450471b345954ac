package io.lode.gateway.account;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lode.gateway.GatewayConfig;
import io.lode.identity.AdminTokens;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The operator's API for keys, with the admin token ({@code lode.gateway.admin-token-sha256}; unset: 404):
 * revoke an account's key, or issue it a new one (which also ends a revocation).
 */
@Path("/admin/v1/accounts/{accountId}/key")
@Produces(MediaType.APPLICATION_JSON)
public class AdminApi {

    private final AccountRepository accounts;
    private final GatewayConfig config;

    public AdminApi(AccountRepository accounts, GatewayConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    static boolean isAdmin(GatewayConfig config, String authorization) {
        return config.adminTokenSha256().map(hash -> AdminTokens.matches(authorization, hash)).orElse(false);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> reissue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                       @PathParam("accountId") String accountId) throws SQLException {
        requireAdmin(authorization);
        String apiKey = ApiKeys.newKey();
        if (!accounts.reissueKey(accountId, ApiKeys.hash(apiKey))) {
            throw Problems.of(404, "unknown-account", "Unknown account", "no account " + accountId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId);
        body.put("apiKey", apiKey);
        return body;
    }

    @DELETE
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("accountId") String accountId) throws SQLException {
        requireAdmin(authorization);
        accounts.revokeKey(accountId);
        return Response.noContent().build();
    }

    private void requireAdmin(String authorization) {
        if (config.adminTokenSha256().isEmpty()) {
            throw Problems.of(404, "admin-api-disabled", "Admin API disabled",
                    "set lode.gateway.admin-token-sha256 to enable it");
        }
        if (!isAdmin(config, authorization)) {
            throw Problems.unauthenticated("Admin token required", "send Authorization: Bearer <admin token>",
                    "lode-admin");
        }
    }
}
