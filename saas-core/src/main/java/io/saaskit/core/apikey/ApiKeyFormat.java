package io.saaskit.core.apikey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

/**
 * The API key format: {@code ak_}, 32 random base62 characters (about 190 bits), then a 6-character base62 checksum,
 * 41 characters in all. The alphabet is {@code 0-9A-Za-z}; the checksum is the CRC32 (IEEE) of the ASCII bytes of
 * the 32 random characters, written as a zero-padded base62 number.
 *
 * <p>The checksum lets {@link #isWellFormed(String)} refuse mistyped, truncated and made-up keys with no database or
 * network access, so garbage never costs a lookup. It is not a security measure: anyone can compute it. Checks run
 * in time that does not depend on where a malformed key first differs from a valid one.
 */
public final class ApiKeyFormat {

    /** Every key starts with this. */
    public static final String PREFIX = "ak_";

    /** Length of a key. */
    public static final int LENGTH = 41;

    /** Length of the display prefix stored and shown for a key, for example {@code ak_7Hq2ZpR4x}. */
    public static final int DISPLAY_PREFIX_LENGTH = 12;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final int RANDOM_LENGTH = 32;

    private static final int CHECKSUM_LENGTH = 6;

    private static final int BASE = ALPHABET.length();

    private ApiKeyFormat() {
    }

    /**
     * A new random key with its checksum.
     * @param random the source of randomness, a {@link SecureRandom}
     * @return the key
     */
    public static String generate(SecureRandom random) {
        StringBuilder key = new StringBuilder(LENGTH).append(PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(ALPHABET.charAt(random.nextInt(BASE)));
        }
        key.append(checksum(key.substring(PREFIX.length())));
        return key.toString();
    }

    /**
     * Whether a presented value has the key format and a valid checksum. Needs no I/O.
     * @param presented the value, for example the Bearer token of a request
     * @return true when it may be a key
     */
    public static boolean isWellFormed(@Nullable String presented) {
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
            return false;
        }
        boolean alphabet = true;
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            alphabet &= isBase62(presented.charAt(i));
        }
        if (!alphabet) {
            return false;
        }
        String random = presented.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        String expected = checksum(random);
        int difference = 0;
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            difference |= expected.charAt(i) ^ presented.charAt(PREFIX.length() + RANDOM_LENGTH + i);
        }
        return difference == 0;
    }

    /**
     * The display prefix of a key: its first 12 characters.
     * @param key a well-formed key
     * @return the prefix
     */
    public static String displayPrefix(String key) {
        if (key.length() < DISPLAY_PREFIX_LENGTH) {
            throw new IllegalArgumentException("Not an API key");
        }
        return key.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    /**
     * The first 12 characters of a presented value, for a log line, when they are harmless key characters
     * ({@code ak_} and base62); otherwise {@code null}, so client-controlled text never reaches the logs.
     * @param presented the presented value
     * @return the loggable prefix, or {@code null}
     */
    public static @Nullable String loggablePrefix(@Nullable String presented) {
        if (presented == null || presented.length() < DISPLAY_PREFIX_LENGTH || !presented.startsWith(PREFIX)) {
            return null;
        }
        for (int i = PREFIX.length(); i < DISPLAY_PREFIX_LENGTH; i++) {
            if (!isBase62(presented.charAt(i))) {
                return null;
            }
        }
        return presented.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % BASE));
            value /= BASE;
        }
        return new String(digits);
    }

    private static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
