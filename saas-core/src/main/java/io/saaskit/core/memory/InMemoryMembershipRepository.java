package io.saaskit.core.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MemberAlreadyExistsException;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.UserMembership;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;

/**
 * A {@link MembershipRepository} kept in memory, for tests and for embedding the core without a database.
 *
 * <p>It reads users and organizations from the repositories it is given, to show members' emails and
 * organization names, and refuses memberships of unknown users or organizations as foreign keys would.
 * Thread-safe: every method holds the instance's monitor, so the (organization, user) uniqueness check and the
 * insert are one atomic step.
 */
public final class InMemoryMembershipRepository implements MembershipRepository {

    /** Oldest first: by creation time, then by id text (the order of a database's uuid column). */
    private static final Comparator<Membership> OLDEST_FIRST = Comparator.comparing(Membership::createdAt)
            .thenComparing((Membership m) -> m.id().toString());

    private final Map<MembershipId, Membership> byId = new HashMap<>();

    private final UserRepository users;

    private final OrganizationRepository organizations;

    public InMemoryMembershipRepository(UserRepository users, OrganizationRepository organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    @Override
    public synchronized void insert(OrgId orgId, Membership membership) {
        requireSameOrganization(orgId, membership);
        if (this.organizations.findById(orgId).isEmpty()) {
            throw new IllegalArgumentException("Organization " + orgId + " does not exist");
        }
        if (this.users.findById(membership.userId()).isEmpty()) {
            throw new IllegalArgumentException("User " + membership.userId() + " does not exist");
        }
        if (findByUser(orgId, membership.userId()).isPresent()) {
            throw new MemberAlreadyExistsException();
        }
        if (this.byId.containsKey(membership.id())) {
            throw new IllegalStateException("Membership " + membership.id() + " already exists");
        }
        this.byId.put(membership.id(), membership);
    }

    @Override
    public synchronized boolean update(OrgId orgId, Membership membership) {
        Optional<Membership> current = findById(orgId, membership.id());
        if (current.isEmpty() || !membership.orgId().equals(orgId)
                || !membership.userId().equals(current.get().userId())) {
            return false;
        }
        this.byId.put(membership.id(), membership);
        return true;
    }

    @Override
    public synchronized boolean delete(OrgId orgId, MembershipId id) {
        if (findById(orgId, id).isEmpty()) {
            return false;
        }
        this.byId.remove(id);
        return true;
    }

    @Override
    public synchronized Optional<Membership> findById(OrgId orgId, MembershipId id) {
        return Optional.ofNullable(this.byId.get(id)).filter((m) -> m.orgId().equals(orgId));
    }

    @Override
    public synchronized Optional<Membership> findByUser(OrgId orgId, UserId userId) {
        return this.byId.values().stream()
                .filter((m) -> m.orgId().equals(orgId) && m.userId().equals(userId))
                .findFirst();
    }

    @Override
    public synchronized List<MemberView> list(OrgId orgId) {
        return this.byId.values().stream()
                .filter((m) -> m.orgId().equals(orgId))
                .sorted(OLDEST_FIRST)
                .map((m) -> new MemberView(m, this.users.findById(m.userId()).map(User::email).orElseThrow(
                        () -> new IllegalStateException("User " + m.userId() + " of a membership is gone"))))
                .toList();
    }

    @Override
    public synchronized long countActiveOwners(OrgId orgId) {
        return this.byId.values().stream()
                .filter((m) -> m.orgId().equals(orgId) && m.isActiveOwner())
                .count();
    }

    @Override
    public synchronized List<UserMembership> listActiveForUser(UserId userId) {
        return this.byId.values().stream()
                .filter((m) -> m.userId().equals(userId) && m.status() == MembershipStatus.ACTIVE)
                .sorted(OLDEST_FIRST)
                .map((m) -> new UserMembership(m.orgId(), organizationName(m.orgId()), m.role(), m.createdAt()))
                .toList();
    }

    /**
     * Whether the user has a membership, of any status, in an organization other than the given one; the in-memory
     * directory needs this cross-tenant answer.
     * @param userId the user
     * @param orgId the organization to disregard
     * @return true when the user belongs to another organization
     */
    public synchronized boolean hasMembershipOutside(UserId userId, OrgId orgId) {
        return this.byId.values().stream().anyMatch((m) -> m.userId().equals(userId) && !m.orgId().equals(orgId));
    }

    private String organizationName(OrgId orgId) {
        return this.organizations.findById(orgId).map(Organization::name)
                .orElseThrow(() -> new IllegalStateException("Organization " + orgId + " of a membership is gone"));
    }

    private static void requireSameOrganization(OrgId orgId, Membership membership) {
        if (!membership.orgId().equals(orgId)) {
            throw new IllegalArgumentException("Membership belongs to " + membership.orgId() + ", not " + orgId);
        }
    }
}
