package io.saaskit.core.provisioning.port;

import java.time.Instant;
import java.util.Optional;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.provisioning.DirectoryPage;
import io.saaskit.core.provisioning.DirectoryUser;
import io.saaskit.core.provisioning.Profile;
import io.saaskit.core.provisioning.UserQuery;
import io.saaskit.core.tenancy.OrgId;

/**
 * The directory view of an organization's members that SCIM provisions: searches with filters, sorting and paging,
 * and the user attributes memberships do not hold. Memberships themselves are written through the
 * {@link io.saaskit.core.membership.port.MembershipRepository}, users through the
 * {@link io.saaskit.core.identity.port.UserRepository}.
 *
 * <p>Tenant-scoped methods take the organization first and never see another organization's members (active and
 * suspended members alike are listed). Implementations evaluate filters with the semantics of
 * {@link io.saaskit.core.provisioning.UserFilter#matches}; a database adapter compiles them to parameterised queries.
 */
public interface DirectoryRepository {

    /**
     * Finds one page of the organization's members.
     * @param orgId the organization
     * @param query the filter, order and page
     * @return the total number of matches and the page
     */
    DirectoryPage search(OrgId orgId, UserQuery query);

    /**
     * Finds a member of the organization by user id, whatever the membership's status.
     * @param orgId the organization
     * @param userId the user
     * @return the member, or empty when the user is not a member of the organization
     */
    Optional<DirectoryUser> find(OrgId orgId, UserId userId);

    /**
     * Finds the organization's membership carrying an identity provider's external id (compared exactly).
     * @param orgId the organization
     * @param externalId the external id
     * @return the membership, or empty
     */
    Optional<Membership> findByExternalId(OrgId orgId, String externalId);

    /**
     * Whether the user has a membership (of any status) in an organization other than the given one. This is a
     * declared cross-tenant read: it reveals only a yes or no, to decide whether a user's global email may change.
     * @param userId the user
     * @param orgId the organization to disregard
     * @return true when the user belongs to another organization
     */
    boolean isMemberElsewhere(UserId userId, OrgId orgId);

    /**
     * Stores a user's names.
     * @param userId the user
     * @param profile the names
     * @param now the change time
     */
    void saveProfile(UserId userId, Profile profile, Instant now);
}
