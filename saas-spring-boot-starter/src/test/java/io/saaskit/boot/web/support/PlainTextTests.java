package io.saaskit.boot.web.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlainText}: the one rule the problem+json and the SCIM endpoints apply to text they keep.
 */
class PlainTextTests {

    @Test
    void unpairedSurrogatesAreInvalidUnicodeAndPairsAreText() {
        assertThat(PlainText.violation("ext\udc00")).isEqualTo(PlainText.INVALID_UNICODE);
        assertThat(PlainText.violation("G\ud800")).isEqualTo(PlainText.INVALID_UNICODE);
        assertThat(PlainText.violation("\ud800\ud800\udc00")).isEqualTo(PlainText.INVALID_UNICODE);
        assertThat(PlainText.violation("\udc00\ud800")).isEqualTo(PlainText.INVALID_UNICODE);
        assertThat(PlainText.violation("G\ud83d\ude00 \u00e9\u0301")).isNull();
        assertThat(PlainText.violation("")).isNull();
    }

    @Test
    void controlCharactersAnywhereAreRefused() {
        for (String text : new String[] { "a\u0000b", "\ta", "a\n", "a\u007f", "a\u0085", "a\u009f" }) {
            assertThat(PlainText.violation(text)).as(text).isEqualTo(PlainText.CONTROL_CHARACTERS);
        }
        assertThat(PlainText.violation("Ann Lee")).isNull();
    }
}
