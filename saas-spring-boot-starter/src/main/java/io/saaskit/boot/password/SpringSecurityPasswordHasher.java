package io.saaskit.boot.password;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.identity.port.PasswordHasher;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A {@link PasswordHasher} on Spring Security's crypto module: Argon2id (m=19 MiB, t=2, p=1, 16-byte salt,
 * 32-byte hash) by default, or bcrypt with cost 12.
 *
 * <p>New hashes use the configured algorithm. Verification accepts both {@code $argon2id$} and bcrypt
 * ({@code $2a$}, {@code $2b$}, {@code $2y$}) hashes whatever is configured, so changing the algorithm never locks
 * anybody out; {@link #needsRehash(String)} then reports the old hashes, which the login flow re-encodes. Both
 * encoders compare digests in constant time ({@code MessageDigest.isEqual} for bcrypt, a branch-free loop for
 * Argon2).
 *
 * <p>bcrypt only reads the first 72 bytes of a password. Every bcrypt implementation truncates there (the
 * original product's included), and verification already does; new bcrypt hashes are made from the same 72 bytes
 * rather than refusing longer passwords. Argon2id has no such limit, which is one reason it is the default.
 */
public final class SpringSecurityPasswordHasher implements PasswordHasher {

    /** Argon2id salt length, in bytes. */
    public static final int ARGON2_SALT_LENGTH = 16;

    /** Argon2id hash length, in bytes. */
    public static final int ARGON2_HASH_LENGTH = 32;

    /** Argon2id lanes. */
    public static final int ARGON2_PARALLELISM = 1;

    /** Argon2id memory, in KiB (19 MiB, the OWASP minimum for t=2). */
    public static final int ARGON2_MEMORY_KIB = 19 * 1024;

    /** Argon2id passes over memory. */
    public static final int ARGON2_ITERATIONS = 2;

    /** bcrypt cost (log2 of the rounds). */
    public static final int BCRYPT_STRENGTH = 12;

    private static final int BCRYPT_MAX_BYTES = 72;

    private static final String BCRYPT_VERSION = "$2a";

    private final PasswordAlgorithm algorithm;

    private final Argon2PasswordEncoder argon2;

    private final BCryptPasswordEncoder bcrypt;

    private final int bcryptStrength;

    private final SecureRandom random = new SecureRandom();

    /**
     * Creates a hasher with saaskit's parameters.
     * @param algorithm the algorithm of new hashes
     */
    public SpringSecurityPasswordHasher(PasswordAlgorithm algorithm) {
        this(algorithm, new Argon2PasswordEncoder(ARGON2_SALT_LENGTH, ARGON2_HASH_LENGTH, ARGON2_PARALLELISM,
                ARGON2_MEMORY_KIB, ARGON2_ITERATIONS), BCRYPT_STRENGTH);
    }

    /**
     * Creates a hasher with other parameters, for tests that cannot afford the production cost.
     * @param algorithm the algorithm of new hashes
     * @param argon2 the Argon2id encoder
     * @param bcryptStrength the bcrypt cost
     */
    SpringSecurityPasswordHasher(PasswordAlgorithm algorithm, Argon2PasswordEncoder argon2, int bcryptStrength) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.argon2 = argon2;
        this.bcrypt = new BCryptPasswordEncoder(bcryptStrength);
        this.bcryptStrength = bcryptStrength;
    }

    /**
     * The algorithm of new hashes.
     * @return the configured algorithm
     */
    public PasswordAlgorithm algorithm() {
        return this.algorithm;
    }

    @Override
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        if (this.algorithm == PasswordAlgorithm.ARGON2ID) {
            return this.argon2.encode(password);
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] significant = Arrays.copyOf(bytes, Math.min(bytes.length, BCRYPT_MAX_BYTES));
        try {
            return BCrypt.hashpw(significant, BCrypt.gensalt(BCRYPT_VERSION, this.bcryptStrength, this.random));
        }
        finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(significant, (byte) 0);
        }
    }

    @Override
    public boolean matches(String password, String encodedHash) {
        Optional<PasswordAlgorithm> hashAlgorithm = PasswordAlgorithm.of(encodedHash);
        if (hashAlgorithm.isEmpty()) {
            return false;
        }
        try {
            return switch (hashAlgorithm.get()) {
                case ARGON2ID -> this.argon2.matches(password, encodedHash);
                case BCRYPT -> this.bcrypt.matches(password, encodedHash);
            };
        }
        catch (IllegalArgumentException ex) {
            // An unreadable hash (corrupt parameters or salt) cannot match anything.
            return false;
        }
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        Optional<PasswordAlgorithm> hashAlgorithm = PasswordAlgorithm.of(encodedHash);
        if (hashAlgorithm.isEmpty() || hashAlgorithm.get() != this.algorithm) {
            return true;
        }
        try {
            return switch (this.algorithm) {
                case ARGON2ID -> this.argon2.upgradeEncoding(encodedHash);
                case BCRYPT -> this.bcrypt.upgradeEncoding(encodedHash);
            };
        }
        catch (IllegalArgumentException ex) {
            return true;
        }
    }

    @Override
    public String toString() {
        return "SpringSecurityPasswordHasher[" + this.algorithm + "]";
    }
}
