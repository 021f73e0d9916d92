package io.saaskit.core.audit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One link position of an organization's audit hash chain: a sequence number and the hash of the row holding it.
 *
 * <p>{@link #GENESIS} (sequence 0, 64 zeros) stands before the first row: the first row's {@code prev_hash} is its
 * hash. The chain head is the newest row; the anchor is the last row removed by retention, where verification
 * starts.
 *
 * @param seq the sequence number, 0 for the genesis
 * @param hash 64 lowercase hex characters
 */
public record ChainPoint(long seq, String hash) {

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    /** The position before the first row. */
    public static final ChainPoint GENESIS = new ChainPoint(0, "0".repeat(64));

    public ChainPoint {
        Objects.requireNonNull(hash, "hash");
        if (seq < 0) {
            throw new IllegalArgumentException("A chain sequence number is never negative");
        }
        if (!HEX_64.matcher(hash).matches()) {
            throw new IllegalArgumentException("A chain hash is 64 lowercase hex characters");
        }
    }

    /**
     * The form of the {@code X-Audit-Chain-Head} header: {@code <seq>:<hash>}.
     * @return the text
     */
    public String header() {
        return this.seq + ":" + this.hash;
    }
}
