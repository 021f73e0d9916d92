package io.saaskit.core.apikey;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.shared.Ids;

/**
 * Identifies an API key (not its secret).
 *
 * @param value the UUID
 */
public record ApiKeyId(UUID value) {

    public ApiKeyId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an id from its text form; malformed text is treated as an unknown key.
     * @param text the text, possibly malformed
     * @return the id, or empty when malformed
     */
    public static Optional<ApiKeyId> parse(String text) {
        return Ids.parse(text).map(ApiKeyId::new);
    }

    @Override
    public String toString() {
        return this.value.toString();
    }
}
