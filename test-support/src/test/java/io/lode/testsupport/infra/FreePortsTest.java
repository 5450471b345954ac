package io.lode.testsupport.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreFreeBelowTheEphemeralRangeAndNeverHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.any();
            assertThat(port).isBetween(20_000, 31_999);
            assertThat(FreePorts.isFree(port)).isTrue();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }
}
