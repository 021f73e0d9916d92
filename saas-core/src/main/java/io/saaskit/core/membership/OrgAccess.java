package io.saaskit.core.membership;

import java.util.Objects;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.tenancy.OrgId;

/**
 * A caller's resolved access to one organization: who they are there and with which role. Every tenant-scoped
 * service call takes one, so the organization in play is always the one the caller was admitted to.
 *
 * @param orgId the organization
 * @param userId the caller
 * @param membershipId the caller's membership
 * @param role the caller's role
 */
public record OrgAccess(OrgId orgId, UserId userId, MembershipId membershipId, Role role) {

    public OrgAccess {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(membershipId, "membershipId");
        Objects.requireNonNull(role, "role");
    }

    /**
     * Refuses unless the caller's role grants the permission.
     * @param permission the permission
     * @throws ForbiddenException "Insufficient permission", naming the permission
     */
    public void require(Permission permission) {
        if (!this.role.grants(permission)) {
            throw new ForbiddenException("Insufficient permission", permission.key());
        }
    }
}
