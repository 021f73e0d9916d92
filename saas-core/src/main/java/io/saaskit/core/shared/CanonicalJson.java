package io.saaskit.core.shared;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The JSON Canonicalization Scheme (RFC 8785) of a JSON value held as plain Java objects, and its SHA-256.
 *
 * <p>Values are {@code null}, {@link String}, {@link Boolean}, {@link Number}, {@link List} and {@link Map} with
 * string keys, nested freely. Two values with the same JSON meaning get the same text: object members sorted by
 * the UTF-16 code units of their names, no whitespace, strings escaped as ECMAScript's {@code JSON.stringify} does,
 * and numbers written as ECMAScript's {@code Number.prototype.toString} writes the IEEE 754 double they denote (so
 * {@code 1}, {@code 1.0} and {@code 1e0} all become {@code 1}). It is shared by the usage Idempotency-Key payload
 * hash and the audit hash chain, so both produce text any RFC 8785 implementation reproduces.
 */
public final class CanonicalJson {

    private static final HexFormat HEX = HexFormat.of();

    private CanonicalJson() {
    }

    /**
     * The canonical text of a value.
     * @param value the value
     * @return the RFC 8785 text
     * @throws IllegalArgumentException for a number that is not a finite double, a non-string key or a value that
     * is not JSON
     */
    public static String of(@Nullable Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /**
     * The lowercase hex SHA-256 of the UTF-8 canonical text of a value.
     * @param value the value
     * @return 64 hex characters
     */
    public static String sha256(@Nullable Object value) {
        return sha256Hex(of(value));
    }

    /**
     * The lowercase hex SHA-256 of the UTF-8 bytes of a text.
     * @param text the text
     * @return 64 hex characters
     */
    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    private static void write(@Nullable Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        }
        else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        }
        else if (value instanceof Number number) {
            out.append(number(toDouble(number)));
        }
        else if (value instanceof CharSequence text) {
            string(text.toString(), out);
        }
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        }
        else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<String, @Nullable Object>> members = new ArrayList<>(map.size());
            map.forEach((name, member) -> {
                if (!(name instanceof String text)) {
                    throw new IllegalArgumentException("JSON object keys must be strings");
                }
                members.add(new AbstractMap.SimpleImmutableEntry<>(text, member));
            });
            // String.compareTo compares UTF-16 code units, which is the order RFC 8785 prescribes.
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(members.get(i).getKey(), out);
                out.append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        }
        else {
            throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
        }
    }

    private static double toDouble(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return number.doubleValue();
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX.toHexDigits((byte) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * ECMAScript's {@code Number.prototype.toString} of a double: the shortest decimal digits that read back as the
     * same double, laid out in plain notation for exponents from -6 to 20 and in exponent notation otherwise.
     * @param value the double
     * @return the text
     * @throws IllegalArgumentException for NaN or an infinity
     */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON numbers must be finite");
        }
        if (value == 0) {
            return "0";
        }
        if (value < 0) {
            return "-" + number(-value);
        }
        BigDecimal shortest = shortest(value);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        // value = 0.d1d2...dk x 10^n
        int n = k - shortest.scale();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String sign = (exponent < 0) ? "-" : "+";
        String mantissa = (k == 1) ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + sign + Math.abs(exponent);
    }

    /**
     * The decimal with the fewest significant digits that parses back to the value; among those, the nearest to it
     * (the exact value rounded half-even to that many digits). Trailing zeros are stripped.
     */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(candidate.toString()) == value) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
