package io.saaskit.core.provisioning;

import java.security.SecureRandom;

import org.jspecify.annotations.Nullable;

/**
 * The per-organization SCIM token format: {@code scim_} and 40 random base62 characters (about 238 bits), 45
 * characters in all. The display prefix stored and listed is the first 12 characters.
 */
public final class ScimTokenFormat {

    /** Every token starts with this. */
    public static final String PREFIX = "scim_";

    /** Length of a token. */
    public static final int LENGTH = 45;

    /** Length of the display prefix. */
    public static final int DISPLAY_PREFIX_LENGTH = 12;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ScimTokenFormat() {
    }

    /**
     * A new random token.
     * @param random the source of randomness
     * @return the token
     */
    public static String generate(SecureRandom random) {
        StringBuilder token = new StringBuilder(LENGTH).append(PREFIX);
        while (token.length() < LENGTH) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    /**
     * Whether a value claims to be a per-organization token (starts with {@code scim_}); such a value is never
     * compared with the shared bearer token.
     * @param presented the Bearer value
     * @return true when it has the prefix
     */
    public static boolean claims(@Nullable String presented) {
        return presented != null && presented.startsWith(PREFIX);
    }

    /**
     * Whether a value has the token format, checked without I/O.
     * @param presented the value
     * @return true when it may be a token
     */
    public static boolean isWellFormed(@Nullable String presented) {
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
            return false;
        }
        boolean valid = true;
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = presented.charAt(i);
            valid &= (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }
        return valid;
    }

    /**
     * The display prefix of a token.
     * @param token a well-formed token
     * @return its first 12 characters
     */
    public static String displayPrefix(String token) {
        return token.substring(0, DISPLAY_PREFIX_LENGTH);
    }
}
