package io.saaskit.core.identity.port;

/**
 * Hashes and verifies passwords with a slow, salted algorithm (Argon2id by default).
 *
 * <p>Implementations compare in constant time and encode their parameters in the hash, so a hash made under
 * older parameters can be recognised and upgraded after a successful login.
 */
public interface PasswordHasher {

    /**
     * Hashes a password with a fresh salt.
     * @param password the password
     * @return the encoded hash, including algorithm and parameters
     */
    String hash(String password);

    /**
     * Checks a password against an encoded hash.
     * @param password the candidate
     * @param encodedHash a hash produced by this or a supported legacy algorithm
     * @return true when they match; false for a mismatch or an unreadable hash
     */
    boolean matches(String password, String encodedHash);

    /**
     * Whether a hash should be re-encoded under the current algorithm and parameters.
     * @param encodedHash the stored hash
     * @return true when outdated
     */
    boolean needsRehash(String encodedHash);
}
