package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.lode.egress.BlockedDestinationException;
import io.lode.egress.SsrfGuard;

class LocalSettingsTest {

    /**
     * A card or endpoint may name a local agent (the demo agent, the example judges, any on a free port), never the
     * network's own services, broker or database.
     */
    @Test
    void theLocalEgressAllowListLeavesOutEveryPortOfTheNetwork() throws Exception {
        for (LocalSettings settings : new LocalSettings[] {LocalSettings.defaults(Path.of(".")),
                LocalSettings.forTest(Path.of("."), Path.of("data"), 1, 1, "60s", java.util.Map.of())}) {
            SsrfGuard guard = new SsrfGuard(Arrays.asList(settings.egressAllowList().split(",")));
            InetAddress loopback = InetAddress.getByName("127.0.0.1");

            assertThatCode(() -> guard.check(loopback, settings.agentPort())).doesNotThrowAnyException();
            java.util.Set<Integer> agents = new java.util.HashSet<>(java.util.List.of(settings.agentPort()));
            for (int n = 1; n <= settings.exampleJudges(); n++) {
                int judge = settings.judgePort(n);
                assertThatCode(() -> guard.check(loopback, judge)).doesNotThrowAnyException();
                agents.add(judge);
            }
            int agentOnAFreePort = java.util.stream.IntStream.range(45_000, 46_000)
                    .filter(p -> !settings.ports().containsValue(p)).findFirst().orElseThrow();
            assertThatCode(() -> guard.check(loopback, agentOnAFreePort)).doesNotThrowAnyException();
            settings.ports().forEach((name, port) -> {
                if (!agents.contains(port)) {
                    assertThatThrownBy(() -> guard.check(loopback, port)).as(name + " on " + port)
                            .isInstanceOf(BlockedDestinationException.class);
                }
            });
            assertThat(settings.egressAllowList()).doesNotContain("127.0.0.1,").doesNotEndWith(":");
        }
    }
}
