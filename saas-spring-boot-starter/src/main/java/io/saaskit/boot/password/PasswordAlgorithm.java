package io.saaskit.boot.password;

import java.util.Optional;

/**
 * The password hashing algorithms saaskit can produce and verify.
 *
 * <p>Hashes of either algorithm are always verifiable, whichever one is configured for new hashes, so switching
 * the configuration never locks existing users out: their hash is upgraded at their next successful login.
 */
public enum PasswordAlgorithm {

    /** Argon2id, the default: memory-hard, as recommended by OWASP. Hashes start with {@code $argon2id$}. */
    ARGON2ID,

    /** bcrypt, for compatibility with existing user stores. Hashes start with {@code $2a$}, {@code $2b$} or
     * {@code $2y$}. */
    BCRYPT;

    /**
     * Recognises the algorithm of an encoded hash from its prefix.
     * @param encodedHash a stored hash
     * @return the algorithm, or empty when the hash is in no supported format
     */
    public static Optional<PasswordAlgorithm> of(String encodedHash) {
        if (encodedHash.startsWith("$argon2id$")) {
            return Optional.of(ARGON2ID);
        }
        if (encodedHash.startsWith("$2a$") || encodedHash.startsWith("$2b$") || encodedHash.startsWith("$2y$")) {
            return Optional.of(BCRYPT);
        }
        return Optional.empty();
    }
}
