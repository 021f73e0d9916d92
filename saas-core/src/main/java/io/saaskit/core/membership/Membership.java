package io.saaskit.core.membership;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * A user's place in an organization: their role and whether it is active. The version counts changes, for
 * optimistic concurrency and SCIM ETags.
 */
public final class Membership {

    private final MembershipId id;
    private final OrgId orgId;
    private final UserId userId;
    private final Role role;
    private final MembershipStatus status;
    private final @Nullable String externalId;
    private final long version;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Membership(MembershipId id, OrgId orgId, UserId userId, Role role, MembershipStatus status,
            @Nullable String externalId, long version, Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.orgId = Objects.requireNonNull(orgId, "orgId");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.role = Objects.requireNonNull(role, "role");
        this.status = Objects.requireNonNull(status, "status");
        this.externalId = externalId;
        this.version = version;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A new active membership.
     * @param id the id
     * @param orgId the organization
     * @param userId the user
     * @param role the role
     * @param now the creation time
     * @return the membership
     */
    public static Membership create(MembershipId id, OrgId orgId, UserId userId, Role role, Instant now) {
        return new Membership(id, orgId, userId, role, MembershipStatus.ACTIVE, null, 1, now, now);
    }

    /**
     * Rebuilds a stored membership.
     * @param id the id
     * @param orgId the organization
     * @param userId the user
     * @param role the role
     * @param status the status
     * @param externalId the identity provider's id, if provisioned by SCIM
     * @param version the change counter
     * @param createdAt when created
     * @param updatedAt when last changed
     * @return the membership
     */
    public static Membership restore(MembershipId id, OrgId orgId, UserId userId, Role role,
            MembershipStatus status, @Nullable String externalId, long version, Instant createdAt,
            Instant updatedAt) {
        return new Membership(id, orgId, userId, role, status, externalId, version, createdAt, updatedAt);
    }

    /**
     * The same membership with another role.
     * @param newRole the role
     * @param now the change time
     * @return the changed membership
     */
    public Membership changeRole(Role newRole, Instant now) {
        return new Membership(this.id, this.orgId, this.userId, newRole, this.status, this.externalId,
                this.version + 1, this.createdAt, now);
    }

    /**
     * Whether this membership is an active owner, the kind an organization must always keep one of.
     * @return true for an active OWNER
     */
    public boolean isActiveOwner() {
        return this.role == Role.OWNER && this.status == MembershipStatus.ACTIVE;
    }

    public MembershipId id() {
        return this.id;
    }

    public OrgId orgId() {
        return this.orgId;
    }

    public UserId userId() {
        return this.userId;
    }

    public Role role() {
        return this.role;
    }

    public MembershipStatus status() {
        return this.status;
    }

    public Optional<String> externalId() {
        return Optional.ofNullable(this.externalId);
    }

    public long version() {
        return this.version;
    }

    public Instant createdAt() {
        return this.createdAt;
    }

    public Instant updatedAt() {
        return this.updatedAt;
    }
}
