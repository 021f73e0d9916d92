package io.saaskit.core.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.shared.Ids;

/**
 * Identifies one server-side session (not its secret token).
 *
 * @param value the UUID
 */
public record SessionId(UUID value) {

    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an id from its text form.
     * @param text the text, possibly malformed
     * @return the id, or empty when malformed
     */
    public static Optional<SessionId> parse(String text) {
        return Ids.parse(text).map(SessionId::new);
    }

    @Override
    public String toString() {
        return this.value.toString();
    }
}
