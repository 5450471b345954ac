package io.lode.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointAuthorityTest {

    @Test
    void anEndpointIsItsHostAndPort() {
        assertThat(EndpointAuthority.of("http://127.0.0.1:8081/a2a")).isEqualTo("127.0.0.1:8081");
        assertThat(EndpointAuthority.of("http://Agents.Example.com/one")).isEqualTo("agents.example.com:80");
        assertThat(EndpointAuthority.of("https://agents.example.com/two")).isEqualTo("agents.example.com:443");
        assertThat(EndpointAuthority.of(" http://agents.example.com:80/three"))
                .isEqualTo(EndpointAuthority.of("http://AGENTS.example.com/four?x=1"));
        assertThat(EndpointAuthority.of("http://127.0.0.1:8081/a2a"))
                .isNotEqualTo(EndpointAuthority.of("http://127.0.0.1:8082/a2a"));
        assertThat(EndpointAuthority.of("not a url")).isEqualTo("not a url");
    }
}
