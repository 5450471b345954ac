package io.lode.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses behindIngress = new ClientAddresses(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItForwards() {
        ClientAddresses direct = new ClientAddresses(List.of());
        assertThat(direct.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void anUntrustedPeerCannotNameAnotherAddress() {
        assertThat(behindIngress.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheAddressItSawIsTheClient() {
        assertThat(behindIngress.resolve("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void whatTheClientPrependsIsNeverBelieved() {
        // the client sent "X-Forwarded-For: 198.51.100.1"; the ingress appended the address it saw
        assertThat(behindIngress.resolve("10.1.2.3", List.of("198.51.100.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
        // … also when it claims to be a trusted proxy itself, or sends several headers
        assertThat(behindIngress.resolve("10.1.2.3", List.of("10.9.9.9", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedFromTheRight() {
        assertThat(behindIngress.resolve("10.1.2.3", List.of("203.0.113.9, 10.7.7.7, fd00::5"))).isEqualTo("203.0.113.9");
    }

    @Test
    void junkOrNothingForwardedLeavesTheLastAddressVouchedFor() {
        assertThat(behindIngress.resolve("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(behindIngress.resolve("10.1.2.3", List.of("203.0.113.9, evil.example"))).isEqualTo("10.1.2.3");
        assertThat(behindIngress.resolve("10.1.2.3", List.of("203.0.113.9, 10.7.7.7, unknown")))
                .isEqualTo("10.1.2.3");
    }
}
