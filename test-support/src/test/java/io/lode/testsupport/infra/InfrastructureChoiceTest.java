package io.lode.testsupport.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class InfrastructureChoiceTest {

    @Test
    void usesEmbeddedBrokersWhenNoDockerEngineAnswers() {
        assertThat(InfrastructureChoice.decide(null, () -> false)).isEqualTo(InfrastructureChoice.EMBEDDED);
    }

    @Test
    void usesTestcontainersWhenADockerEngineAnswers() {
        assertThat(InfrastructureChoice.decide("", () -> true)).isEqualTo(InfrastructureChoice.CONTAINERS);
    }

    @Test
    void overrideWinsWithoutProbingDocker() {
        AtomicBoolean probed = new AtomicBoolean();

        InfrastructureChoice choice = InfrastructureChoice.decide(" Embedded ", () -> {
            probed.set(true);
            return true;
        });

        assertThat(choice).isEqualTo(InfrastructureChoice.EMBEDDED);
        assertThat(probed).isFalse();
    }

    @Test
    void rejectsAnUnknownOverride() {
        assertThatThrownBy(() -> InfrastructureChoice.decide("h2", () -> false))
                .hasMessageContaining(InfrastructureChoice.OVERRIDE_VARIABLE);
    }
}
