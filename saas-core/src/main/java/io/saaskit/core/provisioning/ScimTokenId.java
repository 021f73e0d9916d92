package io.saaskit.core.provisioning;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.shared.Ids;

/**
 * Identifies a SCIM token (not its secret).
 *
 * @param value the UUID
 */
public record ScimTokenId(UUID value) {

    public ScimTokenId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an id from its text form; malformed text is treated as an unknown token.
     * @param text the text, possibly malformed
     * @return the id, or empty when malformed
     */
    public static Optional<ScimTokenId> parse(String text) {
        return Ids.parse(text).map(ScimTokenId::new);
    }

    @Override
    public String toString() {
        return this.value.toString();
    }
}
