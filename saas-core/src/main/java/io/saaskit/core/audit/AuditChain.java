package io.saaskit.core.audit;

import java.util.Objects;

/**
 * The state of an organization's audit hash chain: its head (newest row) and its anchor (the last row retention
 * removed, or the genesis). Rows with {@code anchor.seq < seq <= head.seq} are present and linked.
 *
 * @param head the newest row
 * @param anchor where verification starts
 */
public record AuditChain(ChainPoint head, ChainPoint anchor) {

    /** The chain of an organization without audit rows. */
    public static final AuditChain EMPTY = new AuditChain(ChainPoint.GENESIS, ChainPoint.GENESIS);

    public AuditChain {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(anchor, "anchor");
        if (anchor.seq() > head.seq()) {
            throw new IllegalArgumentException("The anchor cannot be ahead of the head");
        }
    }
}
