package io.saaskit.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import io.saaskit.core.identity.port.PasswordHasher;

/**
 * A {@link PasswordHasher} for tests: salted SHA-256, fast enough to register thousands of users.
 *
 * <p>Never use it in production: SHA-256 is far too cheap to resist offline guessing. Hashes look like
 * {@code $test$<salt hex>$<digest hex>}; comparison is constant-time, and {@link #needsRehash} is always false
 * unless a test asks otherwise through {@link #FastPasswordHasher(boolean)}.
 */
public final class FastPasswordHasher implements PasswordHasher {

    /** The prefix of every hash this hasher produces. */
    public static final String PREFIX = "$test$";

    private static final int SALT_BYTES = 16;

    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random = new SecureRandom();

    private final boolean rehashEverything;

    /**
     * A hasher that never asks for a rehash.
     */
    public FastPasswordHasher() {
        this(false);
    }

    /**
     * A hasher that may report every hash as outdated, to drive the rehash-after-login path.
     * @param rehashEverything whether {@link #needsRehash} answers true
     */
    public FastPasswordHasher(boolean rehashEverything) {
        this.rehashEverything = rehashEverything;
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        this.random.nextBytes(salt);
        return PREFIX + HEX.formatHex(salt) + "$" + HEX.formatHex(digest(salt, password));
    }

    @Override
    public boolean matches(String password, String encodedHash) {
        if (!encodedHash.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = encodedHash.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 2) {
            return false;
        }
        try {
            byte[] salt = HEX.parseHex(parts[0]);
            byte[] expected = HEX.parseHex(parts[1]);
            return MessageDigest.isEqual(expected, digest(salt, password));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return this.rehashEverything;
    }

    private static byte[] digest(byte[] salt, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}
