package io.lode.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.sun.net.httpserver.HttpServer;

import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.registration.AgentRegistration;
import io.lode.identity.AgentKeys;

/**
 * What the endpoint-ownership check costs a registration, through the gateway of a local network (as
 * {@code ./lode-local} starts it): {@code POST /v1/agents} until its 202, for agents whose card is served by the
 * endpoint's own origin (the check reads nothing more) alternating with agents whose card is hosted elsewhere (the
 * registry then reads the endpoint origin's {@code /.well-known/agent-card.json} to see that it names the key). The
 * registry's per-address limit (30 a minute) bounds how many a run can send: keep {@code agents} ≤ 28.
 */
final class RegistrationBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Result(int agents, Histogram sameOrigin, Histogram hostedElsewhere) {
    }

    Result run(int agents) throws Exception {
        List<A2aAgentServer> servers = new ArrayList<>();
        HttpServer cardHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cardHost.start();
        try (BenchNetwork network = BenchNetwork.start(Map.of())) {
            Histogram same = LatencyTable.histogram();
            Histogram elsewhere = LatencyTable.histogram();
            for (int i = 0; i < agents; i++) {
                KeyPair keys = AgentKeys.generate();
                A2aAgentServer server = new A2aAgentServer("127.0.0.1", 0, new A2aAgentServer.Description(
                        "bench-" + i, "echoes for the registration bench", AgentKeys.encodePublic(keys.getPublic()),
                        List.of(new SkillCard("echo-" + i, "Echo", "Repeats the text it is sent", List.of("echo"),
                                List.of()))), text -> text).start();
                servers.add(server);
                String ownCard = "http://127.0.0.1:" + server.port() + A2aAgentServer.CARD_PATH;
                String cardUrl = ownCard;
                boolean hosted = i % 2 == 1;
                if (hosted) {
                    byte[] card = HTTP.send(HttpRequest.newBuilder(URI.create(ownCard)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body();
                    String path = "/cards/" + i + ".json";
                    cardHost.createContext(path, exchange -> {
                        exchange.getResponseHeaders().add("content-type", "application/json");
                        exchange.sendResponseHeaders(200, card.length);
                        exchange.getResponseBody().write(card);
                        exchange.close();
                    });
                    cardUrl = "http://127.0.0.1:" + cardHost.getAddress().getPort() + path;
                }
                String body = AgentRegistration.signedBody(keys, cardUrl, 1_000).toString();
                long start = System.nanoTime();
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(BenchNetwork.GATEWAY
                        + "/v1/agents")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - start) / 1_000;
                if (response.statusCode() != 202) {
                    throw new IOException("registration " + i + " answered " + response.statusCode() + ": "
                            + response.body());
                }
                (hosted ? elsewhere : same).recordValue(micros);
            }
            return new Result(agents, same, elsewhere);
        } finally {
            servers.forEach(A2aAgentServer::close);
            cardHost.stop(0);
        }
    }

    static String markdown(Result r) {
        double ratio = (double) r.hostedElsewhere().getValueAtPercentile(50) / r.sameOrigin().getValueAtPercentile(50);
        return String.format("Registration through the gateway (%d agents, alternating; POST /v1/agents to its 202)%n%n"
                        + "| card | p50 ms | max ms |%n|---|---:|---:|%n"
                        + "| served by the endpoint's origin (no extra read) | %.1f | %.1f |%n"
                        + "| hosted elsewhere (+ the endpoint origin's well-known card) | %.1f | %.1f |%n%n"
                        + "p50 ratio hosted elsewhere / same origin: %.2f%n", r.agents(),
                r.sameOrigin().getValueAtPercentile(50) / 1000.0, r.sameOrigin().getMaxValue() / 1000.0,
                r.hostedElsewhere().getValueAtPercentile(50) / 1000.0, r.hostedElsewhere().getMaxValue() / 1000.0, ratio);
    }
}
