package io.saaskit.core.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.shared.Ids;

/**
 * Identifies an organization, the tenant that owns every tenant-scoped record.
 *
 * @param value the UUID
 */
public record OrgId(UUID value) {

    public OrgId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an id from its text form; malformed text is treated like an unknown org.
     * @param text the text, possibly malformed
     * @return the id, or empty when malformed
     */
    public static Optional<OrgId> parse(String text) {
        return Ids.parse(text).map(OrgId::new);
    }

    @Override
    public String toString() {
        return this.value.toString();
    }
}
