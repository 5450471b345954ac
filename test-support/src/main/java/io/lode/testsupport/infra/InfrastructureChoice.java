package io.lode.testsupport.infra;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Embedded brokers or Testcontainers? Containers only where a Docker engine answers; the environment
 * variable {@code LODE_TEST_INFRA=embedded|containers} forces one. Testcontainers is never required.
 */
public enum InfrastructureChoice {
    EMBEDDED, CONTAINERS;

    public static final String OVERRIDE_VARIABLE = "LODE_TEST_INFRA";

    /** Decides from the override (may be null or blank) and, only if needed, the Docker probe. */
    public static InfrastructureChoice decide(String override, BooleanSupplier dockerAvailable) {
        if (override != null && !override.isBlank()) {
            try {
                return valueOf(override.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(OVERRIDE_VARIABLE + " must be 'embedded' or 'containers', not '"
                        + override + "'", e);
            }
        }
        return dockerAvailable.getAsBoolean() ? CONTAINERS : EMBEDDED;
    }
}
