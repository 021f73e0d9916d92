package io.saaskit.core.membership;

import java.util.Objects;

import io.saaskit.core.tenancy.Organization;

/**
 * An organization just founded, with its first (owner) membership.
 *
 * @param organization the organization
 * @param owner the founder's membership
 */
public record NewOrganization(Organization organization, Membership owner) {

    public NewOrganization {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(owner, "owner");
    }
}
