package io.lode.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.255.1.2, true", "10.0.0.0/8, 11.0.0.1, false", "192.168.1.7, 192.168.1.7, true",
            "192.168.1.7, 192.168.1.8, false", "fd00::/8, fd12::1, true", "fd00::/8, fe80::1, false",
            "0.0.0.0/0, 203.0.113.9, true", "10.0.0.0/8, ::ffff:10.0.0.1, true", "::/0, 10.0.0.1, false"})
    void containsWhatItsPrefixCovers(String range, String address, boolean contained) {
        assertThat(Cidr.parse(range).contains(Cidr.literal(address))).isEqualTo(contained);
    }

    /** Client-given text: nothing that is not an IP literal is read, and no name is ever looked up. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "999.1.1.1", "10.1", "1.2.3.4.5", "1.2.3.", "", " ",
            "1.2.3.4:80", "::g", "unknown", "_hidden", "1.2.3.04444"})
    void onlyLiteralsAreRead(String text) {
        assertThat(Cidr.literal(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"203.0.113.9, 203.0.113.9", "[2001:db8::1], 2001:db8:0:0:0:0:0:1", " 10.0.0.1 , 10.0.0.1"})
    void literalsAreRead(String text, String address) {
        assertThat(Cidr.literal(text).getHostAddress()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "example.com/8", "10.0.0.0/x", "fd00::/129"})
    void badRangesAreRefused(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
