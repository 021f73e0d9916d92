package io.saaskit.core.audit;

/**
 * Why a link of the audit hash chain is broken.
 */
public enum BreakReason {

    /** The row's {@code prev_hash} is not the previous row's hash. */
    PREV_HASH_MISMATCH("prev_hash_mismatch"),

    /** The row's hash does not recompute from its content. */
    HASH_MISMATCH("hash_mismatch"),

    /** A sequence number is missing: a row was removed, or the head names a row that is not there. */
    SEQ_GAP("seq_gap");

    private final String value;

    BreakReason(String value) {
        this.value = value;
    }

    /**
     * The reason as sent, for example {@code hash_mismatch}.
     * @return the value
     */
    public String value() {
        return this.value;
    }
}
