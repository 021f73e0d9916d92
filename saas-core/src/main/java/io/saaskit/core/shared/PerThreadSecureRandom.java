package io.saaskit.core.shared;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Cryptographically strong random bits for values made on every request (record ids, request ids), from a generator
 * of each thread's own, drawn in blocks.
 *
 * <p>One shared {@code new SecureRandom()} is Linux's {@code NativePRNG}: every call takes one JVM-wide lock and
 * reads {@code /dev/urandom} every few calls, so concurrent requests queue behind each other (a profile of the
 * metered route under load showed it among the most contended monitors). Each thread here gets its own
 * {@code DRBG} instance (NIST SP 800-90A), seeded from the system's entropy and reseeded by the JDK, which no other
 * thread ever waits for.
 *
 * <p>A DRBG call has a fixed cost (a state update of several SHA-256 computations) however few bytes it returns, and
 * a record id asked for its bits in two calls: a profile of the metered route put 6 % of the request threads' time
 * in the generator. Each thread therefore takes {@value #BLOCK_BYTES} bytes per call and hands them out in order,
 * each byte once; the bytes are the generator's output either way, only the calls are fewer.
 */
public final class PerThreadSecureRandom {

    /** Bytes taken from a thread's generator at once: 32 record ids. */
    static final int BLOCK_BYTES = 512;

    private static final ThreadLocal<Block> BLOCKS = ThreadLocal.withInitial(Block::new);

    private PerThreadSecureRandom() {
    }

    /**
     * Fills an array with random bytes.
     * @param bytes the array to fill
     */
    public static void nextBytes(byte[] bytes) {
        BLOCKS.get().take(bytes);
    }

    /**
     * A random long, all 64 bits random.
     * @return the value
     */
    public static long nextLong() {
        return BLOCKS.get().nextLong();
    }

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        }
        catch (NoSuchAlgorithmException ex) {
            // Every JDK since 9 has DRBG; a stripped-down provider list falls back to the platform default.
            return new SecureRandom();
        }
    }

    /** One thread's generator and the part of its last block not handed out yet. */
    private static final class Block {

        private final SecureRandom generator = generator();

        private final byte[] bytes = new byte[BLOCK_BYTES];

        private final ByteBuffer view = ByteBuffer.wrap(this.bytes);

        private int next = BLOCK_BYTES;

        long nextLong() {
            if (this.next + Long.BYTES > BLOCK_BYTES) {
                refill();
            }
            long value = this.view.getLong(this.next);
            this.next += Long.BYTES;
            return value;
        }

        void take(byte[] target) {
            int filled = 0;
            while (filled < target.length) {
                if (this.next == BLOCK_BYTES) {
                    refill();
                }
                int count = Math.min(target.length - filled, BLOCK_BYTES - this.next);
                System.arraycopy(this.bytes, this.next, target, filled, count);
                this.next += count;
                filled += count;
            }
        }

        private void refill() {
            this.generator.nextBytes(this.bytes);
            this.next = 0;
        }
    }
}
