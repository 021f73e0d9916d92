package io.saaskit.core.testing;

import java.time.Clock;
import java.util.UUID;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;

/**
 * Builders of valid domain records with unique ids and emails, so tests that share one database never collide
 * and need no cleanup.
 */
public final class Fixtures {

    /** The hash stored by {@link #user(Clock)}; it matches no password of any hasher. */
    public static final String UNUSABLE_HASH = "$test$00$00";

    private Fixtures() {
    }

    /**
     * A unique, valid, non-disposable email address.
     * @return the address, for example {@code user-3f2a...@example.com}
     */
    public static EmailAddress uniqueEmail() {
        return new EmailAddress("user-" + UUID.randomUUID() + "@example.com");
    }

    /**
     * A new user with a unique email, created now.
     * @param clock the time source
     * @return the user, not stored
     */
    public static User user(Clock clock) {
        return user(clock, uniqueEmail());
    }

    /**
     * A new user with the given email, created now.
     * @param clock the time source
     * @param email the address
     * @return the user, not stored
     */
    public static User user(Clock clock, EmailAddress email) {
        return User.create(new UserId(Ids.next(clock)), email, UNUSABLE_HASH, clock.instant());
    }

    /**
     * A new organization on the {@code free} plan with a limit of 1000 requests, created now.
     * @param clock the time source
     * @return the organization, not stored
     */
    public static Organization organization(Clock clock) {
        return organization(clock, "Org " + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * A new organization with the given name, created now.
     * @param clock the time source
     * @param name the name
     * @return the organization, not stored
     */
    public static Organization organization(Clock clock, String name) {
        return Organization.create(new OrgId(Ids.next(clock)), name, "free", 1000L, clock.instant());
    }

    /**
     * A new active membership, created now.
     * @param clock the time source
     * @param orgId the organization
     * @param userId the user
     * @param role the role
     * @return the membership, not stored
     */
    public static Membership membership(Clock clock, OrgId orgId, UserId userId, Role role) {
        return Membership.create(new MembershipId(Ids.next(clock)), orgId, userId, role, clock.instant());
    }

    /**
     * A new suspended membership, created now (as SCIM deprovisioning leaves it).
     * @param clock the time source
     * @param orgId the organization
     * @param userId the user
     * @param role the role
     * @return the membership, not stored
     */
    public static Membership suspendedMembership(Clock clock, OrgId orgId, UserId userId, Role role) {
        return Membership.restore(new MembershipId(Ids.next(clock)), orgId, userId, role,
                MembershipStatus.SUSPENDED, null, 1, clock.instant(), clock.instant());
    }

    /**
     * A copy of a membership with another status, one version later.
     * @param membership the membership
     * @param status the new status
     * @param clock the time source for the update time
     * @return the changed membership
     */
    public static Membership withStatus(Membership membership, MembershipStatus status, Clock clock) {
        return Membership.restore(membership.id(), membership.orgId(), membership.userId(), membership.role(),
                status, membership.externalId().orElse(null), membership.version() + 1, membership.createdAt(),
                clock.instant());
    }
}
