package io.lode.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one mapper the gateway's plain unit tests read fixtures with (Quarkus tests get the service's own). */
public final class TestJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }
}
