package io.saaskit.core.audit;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking an organization's audit chain from its anchor to its head.
 *
 * @param checked how many rows were checked before the walk ended
 * @param anchor where the walk started
 * @param head where the walk was to end
 * @param firstBroken the first broken link, or {@code null} when the chain is intact
 */
public record ChainVerification(long checked, ChainPoint anchor, ChainPoint head, @Nullable BrokenLink firstBroken) {

    public ChainVerification {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(head, "head");
    }

    /**
     * Whether every link from the anchor to the head holds.
     * @return true when nothing is broken
     */
    public boolean ok() {
        return this.firstBroken == null;
    }

    /**
     * The first row where the chain breaks.
     *
     * @param seq the sequence number of the row (for a missing row, the number that is missing)
     * @param id the row's id, or {@code null} when the row is missing
     * @param reason why the link is broken
     */
    public record BrokenLink(long seq, @Nullable UUID id, BreakReason reason) {

        public BrokenLink {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
