package io.saaskit.core.provisioning;

import java.util.Objects;
import java.util.Set;

import io.saaskit.core.membership.Role;

/**
 * How provisioning behaves.
 *
 * @param defaultRole the role of a provisioned user whose request names none ({@code SCIM_DEFAULT_ROLE}); never OWNER
 * @param demoMode whether demo mode is on (SCIM DELETE is refused)
 * @param disposableEmailDomains email domains refused as a {@code userName}
 */
public record ProvisioningSettings(Role defaultRole, boolean demoMode, Set<String> disposableEmailDomains) {

    public ProvisioningSettings {
        Objects.requireNonNull(defaultRole, "defaultRole");
        if (defaultRole == Role.OWNER) {
            throw new IllegalArgumentException("SCIM may not grant the owner role, so it cannot be the default role");
        }
        disposableEmailDomains = Set.copyOf(disposableEmailDomains);
    }
}
