package io.saaskit.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTokensTests {

    private static final String SECRET = "0123456789abcdef-session-secret";

    private final SessionTokens tokens = new SessionTokens(SECRET);

    @Test
    void issuedValueIsTokenDotSignatureInUnpaddedBase64Url() {
        SessionTokens.IssuedToken issued = this.tokens.issue();

        assertThat(issued.value()).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
        String[] parts = issued.value().split("\\.");
        assertThat(Base64.getUrlDecoder().decode(parts[0])).hasSize(32);
    }

    @Test
    void signatureIsHmacSha256OfTheTokenText() throws Exception {
        SessionTokens.IssuedToken issued = this.tokens.issue();
        String[] parts = issued.value().split("\\.");

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(parts[0].getBytes(StandardCharsets.US_ASCII)));

        assertThat(parts[1]).isEqualTo(expected);
    }

    @Test
    void storedHashIsHexSha256OfTheTokenText() throws Exception {
        SessionTokens.IssuedToken issued = this.tokens.issue();
        String token = issued.value().split("\\.")[0];

        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));

        assertThat(issued.hash()).isEqualTo(expected).hasSize(64);
    }

    @Test
    void issuedValueVerifiesToItsHash() {
        SessionTokens.IssuedToken issued = this.tokens.issue();

        assertThat(this.tokens.verify(issued.value())).contains(issued.hash());
    }

    @Test
    void everyIssuedTokenIsDifferent() {
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            values.add(this.tokens.issue().value());
        }

        assertThat(values).hasSize(100);
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused() {
        SessionTokens.IssuedToken issued = new SessionTokens("a-completely-different-secret").issue();

        assertThat(this.tokens.verify(issued.value())).isEmpty();
    }

    @Test
    void alteredTokenOrSignatureIsRefused() {
        String value = this.tokens.issue().value();
        int dot = value.indexOf('.');

        assertThat(this.tokens.verify(flip(value, 0))).isEmpty();
        assertThat(this.tokens.verify(flip(value, dot - 1))).isEmpty();
        assertThat(this.tokens.verify(flip(value, dot + 1))).isEmpty();
        assertThat(this.tokens.verify(flip(value, value.length() - 1))).isEmpty();
    }

    @Test
    void malformedValuesAreRefused() {
        String value = this.tokens.issue().value();
        String token = value.substring(0, value.indexOf('.'));

        assertThat(this.tokens.verify("")).isEmpty();
        assertThat(this.tokens.verify(".")).isEmpty();
        assertThat(this.tokens.verify(token)).isEmpty();
        assertThat(this.tokens.verify(token + ".")).isEmpty();
        assertThat(this.tokens.verify("." + value.substring(value.indexOf('.') + 1))).isEmpty();
        assertThat(this.tokens.verify(value + ".extra")).isEmpty();
        assertThat(this.tokens.verify(value + "A")).isEmpty();
        assertThat(this.tokens.verify(value.substring(0, value.length() - 1))).isEmpty();
    }

    @Test
    void overlongValueIsRefusedBeforeAnyHashing() {
        String longToken = "A".repeat(200);

        assertThat(this.tokens.verify(longToken + "." + "B".repeat(43))).isEmpty();
    }

    @Test
    void issuedTokenNeverPrintsItsSecretParts() {
        SessionTokens.IssuedToken issued = this.tokens.issue();

        assertThat(issued.toString()).doesNotContain(issued.value()).doesNotContain(issued.hash());
    }

    private static String flip(String value, int index) {
        char c = value.charAt(index);
        char replacement = (c == 'A') ? 'B' : 'A';
        return value.substring(0, index) + replacement + value.substring(index + 1);
    }
}
