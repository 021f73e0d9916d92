package io.saaskit.core.membership;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.shared.Ids;

/**
 * Identifies one membership (a user's place in one organization).
 *
 * @param value the UUID
 */
public record MembershipId(UUID value) {

    public MembershipId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an id from its text form.
     * @param text the text, possibly malformed
     * @return the id, or empty when malformed
     */
    public static Optional<MembershipId> parse(String text) {
        return Ids.parse(text).map(MembershipId::new);
    }

    @Override
    public String toString() {
        return this.value.toString();
    }
}
