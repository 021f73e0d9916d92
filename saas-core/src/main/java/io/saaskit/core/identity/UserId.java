package io.saaskit.core.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.shared.Ids;

/**
 * Identifies a user across every organization.
 *
 * @param value the UUID
 */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an id from its text form; malformed text is treated as an unknown id.
     * @param text the text, possibly malformed
     * @return the id, or empty when the text is not a UUID
     */
    public static Optional<UserId> parse(String text) {
        return Ids.parse(text).map(UserId::new);
    }

    @Override
    public String toString() {
        return this.value.toString();
    }
}
