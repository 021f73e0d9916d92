package io.saaskit.core.shared;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalJsonTests {

    /** The number examples of RFC 8785, Appendix B: IEEE 754 bits and their canonical text. */
    @ParameterizedTest
    @CsvSource({ "0000000000000000, 0", "8000000000000000, 0", "0000000000000001, 5e-324",
            "8000000000000001, -5e-324", "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308", "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992", "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22", "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23", "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000", "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7", "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332", "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333", "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343", "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2" })
    void numbersAreWrittenAsEcmaScriptWritesThem(String bits, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

        assertThat(CanonicalJson.number(value)).isEqualTo(expected);
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.number(Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void javaValuesAreCanonicalisedWithSortedMembersAndEcmaScriptNumbers() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", List.of(1, 1.0, new BigDecimal("4.50"), 2e-3));
        value.put("a", "line\nbreak \"quoted\"");
        value.put("c", null);
        value.put("\u20ac", true);

        assertThat(CanonicalJson.of(value))
                .isEqualTo("{\"a\":\"line\\nbreak \\\"quoted\\\"\",\"b\":[1,1,4.5,0.002],\"c\":null,\"\u20ac\":true}");
        assertThat(CanonicalJson.sha256(value)).hasSize(64).isEqualTo(CanonicalJson.sha256Hex(CanonicalJson.of(value)));
    }

    @Test
    void nonJsonValuesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.of(Map.of(1, "x")));
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.of(new Object()));
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.of(new BigDecimal("1e400")));
    }
}
