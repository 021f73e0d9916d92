package io.saaskit.boot.web.audit;

import io.saaskit.core.audit.ChainPoint;
import io.saaskit.core.audit.ChainVerification;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@code GET /audit/verify}.
 *
 * @param ok whether every link from the anchor to the head holds
 * @param checked how many rows were checked
 * @param anchor where verification started
 * @param head where it ended
 * @param firstBroken the first broken link, or {@code null}
 */
public record ChainVerificationResponse(boolean ok, long checked, Point anchor, Point head,
        @Nullable Broken firstBroken) {

    /**
     * Builds the response.
     * @param verification the verification
     * @return the response
     */
    public static ChainVerificationResponse of(ChainVerification verification) {
        ChainVerification.BrokenLink broken = verification.firstBroken();
        return new ChainVerificationResponse(verification.ok(), verification.checked(),
                Point.of(verification.anchor()), Point.of(verification.head()),
                (broken != null) ? new Broken(broken.seq(), (broken.id() != null) ? broken.id().toString() : null,
                        broken.reason().value()) : null);
    }

    /**
     * A chain position.
     *
     * @param seq the sequence number
     * @param hash the hash
     */
    public record Point(long seq, String hash) {

        static Point of(ChainPoint point) {
            return new Point(point.seq(), point.hash());
        }
    }

    /**
     * A broken link.
     *
     * @param seq the row's number
     * @param id the row's id, {@code null} when the row is missing
     * @param reason {@code prev_hash_mismatch}, {@code hash_mismatch} or {@code seq_gap}
     */
    public record Broken(long seq, @Nullable String id, String reason) {
    }
}
