package io.saaskit.core.shared;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A cryptographically strong random generator for each thread, for values made on every request (record ids,
 * request ids).
 *
 * <p>One shared {@code new SecureRandom()} is Linux's {@code NativePRNG}: every call takes one JVM-wide lock and
 * reads {@code /dev/urandom} every few calls, so concurrent requests queue behind each other (a profile of the
 * metered route under load showed it among the most contended monitors). Each thread here gets its own
 * {@code DRBG} instance (NIST SP 800-90A), seeded from the system's entropy and reseeded by the JDK, which no other
 * thread ever waits for.
 */
public final class PerThreadSecureRandom {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(PerThreadSecureRandom::create);

    private PerThreadSecureRandom() {
    }

    /**
     * The current thread's generator; never share it with another thread.
     * @return the generator
     */
    public static SecureRandom current() {
        return RANDOM.get();
    }

    private static SecureRandom create() {
        try {
            return SecureRandom.getInstance("DRBG");
        }
        catch (NoSuchAlgorithmException ex) {
            // Every JDK since 9 has DRBG; a stripped-down provider list falls back to the platform default.
            return new SecureRandom();
        }
    }
}
