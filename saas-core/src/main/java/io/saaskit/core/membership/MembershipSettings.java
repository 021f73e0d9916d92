package io.saaskit.core.membership;

import java.util.Objects;

import io.saaskit.core.tenancy.OrganizationDefaults;

/**
 * Settings of the membership rules.
 *
 * @param newOrganizations the plan an organization starts on when it is founded
 * @param demoMode whether member removal and role changes to or from OWNER are refused, so visitors of a shared
 * demo cannot lock each other out
 */
public record MembershipSettings(OrganizationDefaults newOrganizations, boolean demoMode) {

    public MembershipSettings {
        Objects.requireNonNull(newOrganizations, "newOrganizations");
    }
}
