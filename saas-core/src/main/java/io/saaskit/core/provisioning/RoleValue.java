package io.saaskit.core.provisioning;

import java.util.Locale;

import io.saaskit.core.membership.Role;

/**
 * Reads the role a SCIM request names ({@code roles[].value}), case-insensitively.
 */
public final class RoleValue {

    private RoleValue() {
    }

    /**
     * Parses a role value. {@code OWNER} parses (so an owner's own unchanged role is accepted); the
     * {@link ProvisioningService} refuses granting it.
     * @param value for example {@code admin} or {@code ADMIN}
     * @return the role
     * @throws ProvisioningException {@code invalidValue} for any other value
     */
    public static Role parse(String value) {
        return Role.parse(value.trim().toUpperCase(Locale.ROOT)).orElseThrow(() -> new ProvisioningException(
                ProvisioningError.INVALID_VALUE, "Unknown role '" + value
                        + "': use ADMIN, MEMBER, BILLING or READONLY"));
    }
}
