package io.lode.trust;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.lode.identity.GatewayProofs;
import io.vertx.core.http.HttpServerRequest;

/**
 * Backends trust only the gateway. The account ({@code X-Lode-Account}) and the client address
 * ({@code X-Forwarded-For} and the other forwarding headers) are what a backend believes about who is calling; a
 * request that carries any of them must also carry a fresh {@link GatewayProofs} proof for exactly this request,
 * made with the secret only the gateway and the backends hold ({@code lode.gateway-proof.secret}). Otherwise:
 * 401 problem+json {@code gateway-proof-required}, before any resource runs. A request with none of these headers
 * is the caller speaking for itself (its socket address, no account) and passes.
 */
public class GatewayProofFilter {

    public static final String ACCOUNT_HEADER = "X-Lode-Account";
    private static final List<String> CLAIMS = List.of(ACCOUNT_HEADER, "X-Forwarded-For", "Forwarded",
            "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP");

    private final GatewayProofs proofs;

    public GatewayProofFilter(@ConfigProperty(name = "lode.gateway-proof.secret") String secret) {
        this.proofs = new GatewayProofs(secret);
    }

    /** Throws the 401 problem (rendered by the service's problem mapper, like its own) unless the proof holds. */
    @ServerRequestFilter(preMatching = true)
    public void onlyTheGatewaySpeaksForTheCaller(HttpServerRequest request) {
        if (CLAIMS.stream().noneMatch(h -> request.getHeader(h) != null)) {
            return;
        }
        Optional<String> problem = proofs.problem(request.getHeader(GatewayProofs.HEADER), Instant.now(),
                request.method().name(), request.uri(), request.getHeader(ACCOUNT_HEADER),
                request.getHeader("X-Forwarded-For"));
        if (problem.isPresent()) {
            throw Problems.builder(401, "gateway-proof-required", "Only the gateway may say who is calling",
                    problem.get()).withHeader("WWW-Authenticate", "Bearer realm=\"lode\"").build();
        }
    }

    /**
     * The caller's address: the one the gateway vouched for in {@code X-Forwarded-For} (this filter let the request
     * through, so a forwarded address is the gateway's word), else the socket's.
     */
    public static String clientAddress(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        return forwarded != null ? forwarded : request.remoteAddress().hostAddress();
    }
}
