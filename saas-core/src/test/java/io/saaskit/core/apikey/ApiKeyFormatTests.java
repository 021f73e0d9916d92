package io.saaskit.core.apikey;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyFormatTests {

    private static final Pattern FORMAT = Pattern.compile("^ak_[0-9A-Za-z]{38}$");

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** A key whose checksum was computed independently (Python's zlib.crc32, then base62). */
    private static final String KNOWN_KEY = "ak_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZdL";

    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedKeysHaveTheFormatAndAValidChecksum() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeyFormat.generate(this.random);
            assertThat(key).matches(FORMAT).hasSize(ApiKeyFormat.LENGTH);
            assertThat(ApiKeyFormat.isWellFormed(key)).as(key).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void checksumIsTheBase62Crc32OfTheRandomPart() {
        assertThat(ApiKeyFormat.isWellFormed(KNOWN_KEY)).isTrue();
        // CRC32("123456789") is the standard check value 0xCBF43926 = 3421780262, "3jZRME" in zero-padded base62
        assertThat(ApiKeyFormat.checksum("123456789")).isEqualTo("3jZRME");
    }

    @Test
    void everySingleCharacterChangeIsDetected() {
        String key = ApiKeyFormat.generate(this.random);
        for (int position = 0; position < key.length(); position++) {
            for (char replacement : ALPHABET.toCharArray()) {
                if (replacement == key.charAt(position)) {
                    continue;
                }
                String changed = key.substring(0, position) + replacement + key.substring(position + 1);
                assertThat(ApiKeyFormat.isWellFormed(changed)).as(changed).isFalse();
            }
        }
    }

    @Test
    void swappedAdjacentCharactersAreDetected() {
        String key = KNOWN_KEY;
        String swapped = key.substring(0, 10) + key.charAt(11) + key.charAt(10) + key.substring(12);

        assertThat(ApiKeyFormat.isWellFormed(swapped)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "ak_", "ak_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZd",
        "ak_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZdLx",
        "AK_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZdL", "sk_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZdL",
        "ak-0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZdL", "ak_0123456789ABCDEFGHIJKLMNOPQRSTU_1ggZdL",
        "ak_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZ\u00e9L", " ak_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZd",
        "eyJhbGciOiJIUzI1NiJ9.e30.sig" })
    void otherValuesAreNotWellFormed(String presented) {
        assertThat(ApiKeyFormat.isWellFormed(presented)).isFalse();
    }

    @Test
    void displayPrefixIsTheFirstTwelveCharacters() {
        assertThat(ApiKeyFormat.displayPrefix(KNOWN_KEY)).isEqualTo("ak_012345678").hasSize(12);
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyFormat.displayPrefix("ak_1"));
    }

    @Test
    void loggablePrefixIsGivenOnlyForHarmlessKeyCharacters() {
        assertThat(ApiKeyFormat.loggablePrefix(KNOWN_KEY)).isEqualTo("ak_012345678");
        assertThat(ApiKeyFormat.loggablePrefix("ak_0123456789-garbage")).isEqualTo("ak_012345678");
        assertThat(ApiKeyFormat.loggablePrefix("ak_01234\n678\nforged log line")).isNull();
        assertThat(ApiKeyFormat.loggablePrefix("session-token.signature")).isNull();
        assertThat(ApiKeyFormat.loggablePrefix("ak_1")).isNull();
        assertThat(ApiKeyFormat.loggablePrefix(null)).isNull();
    }
}
