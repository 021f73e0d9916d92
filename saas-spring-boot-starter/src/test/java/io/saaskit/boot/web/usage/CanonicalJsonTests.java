package io.saaskit.boot.web.usage;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jackson-tree side of the canonicaliser; the number layout is tested with the core's.
 */
class CanonicalJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void membersAreSortedByUtf16CodeUnitsWithoutWhitespace() {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With "
                + "Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

        String canonical = CanonicalJson.of(JSON.readTree(input));

        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void stringsAreEscapedAsJsonStringifyEscapesThem() {
        String canonical = CanonicalJson.of(JSON.readTree("[\"\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\\u00e9\"]"));

        assertThat(canonical).isEqualTo("[\"\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\/é\"]");
    }

    @Test
    void theRfcStructuresExampleIsCanonicalised() {
        String input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + " \"literals\": [null, true,"
                + " false]}";

        assertThat(CanonicalJson.of(JSON.readTree(input))).isEqualTo("{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void equalMeaningsHashEqually() {
        assertThat(CanonicalJson.sha256(JSON.readTree("{\"b\":1.0,\"a\":[1e0]}")))
                .isEqualTo(CanonicalJson.sha256(JSON.readTree("{ \"a\" : [ 1 ], \"b\" : 1 }")))
                .hasSize(64)
                .isNotEqualTo(CanonicalJson.sha256(JSON.readTree("{\"a\":[1],\"b\":2}")));
    }
}
