package io.saaskit.core.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitKeyTests {

    @Test
    void keyIsScopeColonSha256HexOfThePartsJoinedByBars() throws Exception {
        String expected = "api_key:" + sha256Hex("key-id|org-id");

        assertThat(RateLimitKey.of("api_key", "key-id", "org-id")).isEqualTo(expected);
    }

    @Test
    void singlePartIsHashedAsIs() throws Exception {
        assertThat(RateLimitKey.of("auth_login_ip", "203.0.113.1"))
                .isEqualTo("auth_login_ip:" + sha256Hex("203.0.113.1"));
    }

    @Test
    void missingPartBecomesADash() throws Exception {
        assertThat(RateLimitKey.of("api_key", "key-id", null)).isEqualTo("api_key:" + sha256Hex("key-id|-"));
        assertThat(RateLimitKey.of("api_key", "key-id", null)).isEqualTo(RateLimitKey.of("api_key", "key-id", "-"));
    }

    @Test
    void keyHidesClientText() {
        String key = RateLimitKey.of("auth_login_identifier", "someone@example.com");

        assertThat(key).doesNotContain("someone").matches("auth_login_identifier:[0-9a-f]{64}");
    }

    @Test
    void sameInputGivesSameKeyAndAnyDifferenceAnother() {
        String key = RateLimitKey.of("scope", "a", "b");

        assertThat(RateLimitKey.of("scope", "a", "b")).isEqualTo(key);
        assertThat(RateLimitKey.of("scope", "b", "a")).isNotEqualTo(key);
        assertThat(RateLimitKey.of("other", "a", "b")).isNotEqualTo(key);
        assertThat(RateLimitKey.of("scope", "a")).isNotEqualTo(key);
    }

    @Test
    void utf8PartsAreHashedAsUtf8() throws Exception {
        assertThat(RateLimitKey.of("s", "ünï")).isEqualTo("s:" + sha256Hex("ünï"));
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
