package io.saaskit.core.membership.port;

import java.util.List;
import java.util.Optional;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.UserMembership;
import io.saaskit.core.tenancy.OrgId;

/**
 * Stores memberships. Every tenant-scoped method takes the organization first and never touches another
 * organization's rows.
 */
public interface MembershipRepository {

    /**
     * Stores a new membership of the organization.
     * @param orgId the organization, equal to the membership's
     * @param membership the membership
     * @throws io.saaskit.core.membership.MemberAlreadyExistsException when the user is already a member
     */
    void insert(OrgId orgId, Membership membership);

    /**
     * Replaces a membership's role, status, external id, version and update time.
     * @param orgId the organization
     * @param membership the changed membership
     * @return true when the membership existed in the organization
     */
    boolean update(OrgId orgId, Membership membership);

    /**
     * Deletes a membership.
     * @param orgId the organization
     * @param id the membership
     * @return true when it existed in the organization
     */
    boolean delete(OrgId orgId, MembershipId id);

    /**
     * Finds a membership of the organization by id.
     * @param orgId the organization
     * @param id the membership
     * @return the membership, or empty (also for another organization's id)
     */
    Optional<Membership> findById(OrgId orgId, MembershipId id);

    /**
     * Finds a user's membership in the organization, whatever its status.
     * @param orgId the organization
     * @param userId the user
     * @return the membership, or empty
     */
    Optional<Membership> findByUser(OrgId orgId, UserId userId);

    /**
     * Lists the organization's memberships with the members' emails, oldest first.
     * @param orgId the organization
     * @return the members
     */
    List<MemberView> list(OrgId orgId);

    /**
     * Counts the organization's active owners.
     * @param orgId the organization
     * @return the count
     */
    long countActiveOwners(OrgId orgId);

    /**
     * Counts the organization's active memberships, whatever their role (suspended ones are not counted). The
     * default lists the members and counts them; database implementations should count in the database.
     * @param orgId the organization
     * @return the count
     */
    default long countActive(OrgId orgId) {
        return list(orgId).stream().filter((member) -> member.membership().status() == MembershipStatus.ACTIVE)
                .count();
    }

    /**
     * Lists a user's active memberships across organizations, earliest first (by creation time, then id). This
     * is a cross-tenant read on behalf of the user themself.
     * @param userId the user
     * @return the memberships with organization names
     */
    List<UserMembership> listActiveForUser(UserId userId);
}
