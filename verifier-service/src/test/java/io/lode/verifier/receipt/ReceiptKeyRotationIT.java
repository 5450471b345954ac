package io.lode.verifier.receipt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.lode.identity.AgentKeys;
import io.lode.identity.KeyFile;
import io.lode.identity.VerifierKeyring;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.lode.verifier.VerifierConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Key rotation on the verifier's real database: a new signing key is valid from its first start, the key before it
 * stays valid for the overlap (replicas still on it keep signing good receipts) and then ends, and
 * {@code /v1/verifier/keys} lists every key with its period, so receipts signed before a rotation still verify.
 */
@QuarkusTest
@QuarkusTestResource(value = LodeServiceTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "verifier"))
class ReceiptKeyRotationIT {

    @Inject
    ReceiptSigner signer;

    @Inject
    DataSource dataSource;

    @Test
    void aNewSigningKeyStartsARotationAndTheOldKeyStaysListedWithItsEnd() throws Exception {
        String first = signer.publicKey();
        Path file = Files.createTempFile("receipt-key", ".json");
        KeyFile.write(file, AgentKeys.generate());
        Instant before = Instant.now();

        ReceiptSigner rotated = new ReceiptSigner(config(file, Duration.ofMinutes(10)), dataSource);
        new ReceiptSigner(config(file, Duration.ofMinutes(10)), dataSource); // a second replica with the same key

        List<VerifierKeyring.Key> keys = rotated.keys();
        VerifierKeyring.Key old = keys.stream().filter(k -> k.publicKey().equals(first)).findFirst().orElseThrow();
        VerifierKeyring.Key current = keys.stream().filter(k -> k.publicKey().equals(rotated.publicKey()))
                .findFirst().orElseThrow();
        assertThat(keys.stream().filter(k -> k.publicKey().equals(rotated.publicKey()))).hasSize(1);
        assertThat(current.validUntil()).isNull();
        assertThat(current.validFrom()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(old.validUntil()).isBetween(before.plus(Duration.ofMinutes(9)), Instant.now()
                .plus(Duration.ofMinutes(11)));

        VerifierKeyring published = VerifierKeyring.parse(given().get("/v1/verifier/keys").then().statusCode(200)
                .extract().asString());
        assertThat(published.knows(first)).isTrue();
        assertThat(published.knows(rotated.publicKey())).isTrue();
    }

    private static VerifierConfig config(Path keyFile, Duration overlap) {
        return (VerifierConfig) java.lang.reflect.Proxy.newProxyInstance(VerifierConfig.class.getClassLoader(),
                new Class<?>[] {VerifierConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "signingKeyFile" -> Optional.of(keyFile);
                    case "keyRotationOverlap" -> overlap;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
