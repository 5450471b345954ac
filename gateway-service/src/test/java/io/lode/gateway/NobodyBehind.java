package io.lode.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A gateway with nobody behind it: every backend is a port nothing listens on (a proxied call is 503), and accounts
 * open without waiting for a ledger. Shared, so the tests that use it share one gateway start too.
 */
public class NobodyBehind implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        String nowhere = "http://127.0.0.1:" + io.lode.testsupport.infra.FreePorts.any();
        return Map.of("lode.gateway.ledger-wait", "0s",
                "lode.gateway.backends.orchestrator", nowhere, "lode.gateway.backends.reward", nowhere,
                "lode.gateway.backends.registry", nowhere, "lode.gateway.backends.verifier", nowhere);
    }
}
