package io.saaskit.core.membership;

import java.time.Instant;
import java.util.Objects;

import io.saaskit.core.tenancy.OrgId;

/**
 * One of a user's active memberships, seen from the user: which organization, its name, and the role there.
 *
 * @param orgId the organization
 * @param orgName its name
 * @param role the user's role there
 * @param createdAt when the membership was created; the earliest one is the default organization
 */
public record UserMembership(OrgId orgId, String orgName, Role role, Instant createdAt) {

    public UserMembership {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(orgName, "orgName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
