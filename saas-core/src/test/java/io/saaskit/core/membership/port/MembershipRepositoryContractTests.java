package io.saaskit.core.membership.port;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.saaskit.core.identity.User;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MemberAlreadyExistsException;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.UserMembership;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour every {@link MembershipRepository} must show, tenant isolation included: another
 * organization's ids used under an organization find nothing, change nothing and count nothing.
 *
 * <p>Extend it once per implementation; return the repository under test from {@link #memberships()} and the
 * user and organization stores sharing its database from {@link #users()} and {@link #organizations()}
 * (memberships reference stored users and organizations). Every test creates its own users and organizations,
 * so implementations may share one database without cleaning up.
 */
public abstract class MembershipRepositoryContractTests {

    /** The clock that stamps test records; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The repository under test. May be called many times per test; every call must see the same store.
     * @return the repository
     */
    protected abstract MembershipRepository memberships();

    /**
     * A user repository on the same store.
     * @return the user repository
     */
    protected abstract UserRepository users();

    /**
     * An organization repository on the same store.
     * @return the organization repository
     */
    protected abstract OrganizationRepository organizations();

    @Test
    void insertedMembershipIsFoundByIdWithEveryField() {
        Organization org = storedOrganization();
        User user = storedUser();
        Membership membership = Fixtures.membership(this.clock, org.id(), user.id(), Role.ADMIN);
        memberships().insert(org.id(), membership);

        Optional<Membership> found = memberships().findById(org.id(), membership.id());

        assertThat(found).isPresent();
        assertSameMembership(found.get(), membership);
    }

    @Test
    void membershipIsFoundByUserWhateverItsStatus() {
        Organization org = storedOrganization();
        User active = storedUser();
        User suspended = storedUser();
        Membership activeMembership = Fixtures.membership(this.clock, org.id(), active.id(), Role.MEMBER);
        Membership suspendedMembership = Fixtures.suspendedMembership(this.clock, org.id(), suspended.id(),
                Role.MEMBER);
        memberships().insert(org.id(), activeMembership);
        memberships().insert(org.id(), suspendedMembership);

        assertThat(memberships().findByUser(org.id(), active.id())).map(Membership::id)
                .contains(activeMembership.id());
        Membership found = memberships().findByUser(org.id(), suspended.id()).orElseThrow();
        assertSameMembership(found, suspendedMembership);
    }

    @Test
    void membershipWithExternalIdKeepsIt() {
        Organization org = storedOrganization();
        User user = storedUser();
        Membership membership = Membership.restore(new MembershipId(Ids.next(this.clock)), org.id(), user.id(),
                Role.READONLY, MembershipStatus.ACTIVE, "ext-" + user.id(), 3, this.clock.instant(),
                this.clock.instant());
        memberships().insert(org.id(), membership);

        Membership found = memberships().findById(org.id(), membership.id()).orElseThrow();

        assertSameMembership(found, membership);
    }

    @Test
    void unknownMembershipIsNotFound() {
        Organization org = storedOrganization();

        assertThat(memberships().findById(org.id(), new MembershipId(Ids.next(this.clock)))).isEmpty();
        assertThat(memberships().findByUser(org.id(), storedUser().id())).isEmpty();
    }

    @Test
    void secondMembershipOfSameUserInSameOrganizationIsRefused() {
        Organization org = storedOrganization();
        User user = storedUser();
        Membership first = Fixtures.membership(this.clock, org.id(), user.id(), Role.MEMBER);
        memberships().insert(org.id(), first);
        Membership second = Fixtures.membership(this.clock, org.id(), user.id(), Role.ADMIN);

        assertThatExceptionOfType(MemberAlreadyExistsException.class)
                .isThrownBy(() -> memberships().insert(org.id(), second));

        assertThat(memberships().findById(org.id(), second.id())).isEmpty();
        assertThat(memberships().findByUser(org.id(), user.id())).map(Membership::role).contains(Role.MEMBER);
    }

    @Test
    void sameUserMayBelongToSeveralOrganizations() {
        Organization first = storedOrganization();
        Organization second = storedOrganization();
        User user = storedUser();
        memberships().insert(first.id(), Fixtures.membership(this.clock, first.id(), user.id(), Role.OWNER));
        memberships().insert(second.id(), Fixtures.membership(this.clock, second.id(), user.id(), Role.MEMBER));

        assertThat(memberships().findByUser(first.id(), user.id())).map(Membership::role).contains(Role.OWNER);
        assertThat(memberships().findByUser(second.id(), user.id())).map(Membership::role).contains(Role.MEMBER);
    }

    @Test
    void updateStoresRoleStatusVersionAndUpdateTime() {
        Organization org = storedOrganization();
        Membership membership = storedMembership(org, storedUser(), Role.MEMBER);
        this.clock.advance(Duration.ofMinutes(3));
        Membership changed = Fixtures.withStatus(membership.changeRole(Role.BILLING, this.clock.instant()),
                MembershipStatus.SUSPENDED, this.clock);

        assertThat(memberships().update(org.id(), changed)).isTrue();

        Membership found = memberships().findById(org.id(), membership.id()).orElseThrow();
        assertSameMembership(found, changed);
        assertThat(found.version()).isEqualTo(membership.version() + 2);
        assertThat(found.createdAt()).isEqualTo(membership.createdAt());
    }

    @Test
    void updateOfUnknownMembershipReportsFalse() {
        Organization org = storedOrganization();
        Membership neverStored = Fixtures.membership(this.clock, org.id(), storedUser().id(), Role.MEMBER);

        assertThat(memberships().update(org.id(), neverStored)).isFalse();
        assertThat(memberships().findById(org.id(), neverStored.id())).isEmpty();
    }

    @Test
    void deleteRemovesTheMembershipOnce() {
        Organization org = storedOrganization();
        Membership membership = storedMembership(org, storedUser(), Role.MEMBER);

        assertThat(memberships().delete(org.id(), membership.id())).isTrue();
        assertThat(memberships().findById(org.id(), membership.id())).isEmpty();
        assertThat(memberships().delete(org.id(), membership.id())).isFalse();
    }

    @Test
    void listShowsOrganizationsMembersOldestFirstWithEmails() {
        Organization org = storedOrganization();
        User owner = storedUser();
        User admin = storedUser();
        User suspended = storedUser();
        Membership first = storedMembership(org, owner, Role.OWNER);
        this.clock.advance(Duration.ofSeconds(1));
        Membership second = storedMembership(org, admin, Role.ADMIN);
        this.clock.advance(Duration.ofSeconds(1));
        Membership third = Fixtures.suspendedMembership(this.clock, org.id(), suspended.id(), Role.MEMBER);
        memberships().insert(org.id(), third);

        List<MemberView> members = memberships().list(org.id());

        assertThat(members).extracting((m) -> m.membership().id())
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(members).extracting(MemberView::email)
                .containsExactly(owner.email(), admin.email(), suspended.email());
        assertSameMembership(members.get(2).membership(), third);
    }

    @Test
    void listOfOrganizationWithoutMembersIsEmpty() {
        assertThat(memberships().list(storedOrganization().id())).isEmpty();
        assertThat(memberships().list(new OrgId(Ids.next(this.clock)))).isEmpty();
    }

    @Test
    void countActiveOwnersIgnoresOtherRolesAndSuspendedOwners() {
        Organization org = storedOrganization();
        storedMembership(org, storedUser(), Role.OWNER);
        storedMembership(org, storedUser(), Role.OWNER);
        storedMembership(org, storedUser(), Role.ADMIN);
        memberships().insert(org.id(),
                Fixtures.suspendedMembership(this.clock, org.id(), storedUser().id(), Role.OWNER));

        assertThat(memberships().countActiveOwners(org.id())).isEqualTo(2);
    }

    @Test
    void countActiveOwnersFollowsRoleChanges() {
        Organization org = storedOrganization();
        storedMembership(org, storedUser(), Role.OWNER);
        Membership second = storedMembership(org, storedUser(), Role.OWNER);

        memberships().update(org.id(), second.changeRole(Role.MEMBER, this.clock.instant()));

        assertThat(memberships().countActiveOwners(org.id())).isEqualTo(1);
    }

    @Test
    void countActiveCountsEveryRoleButNotSuspendedMemberships() {
        Organization org = storedOrganization();
        storedMembership(org, storedUser(), Role.OWNER);
        storedMembership(org, storedUser(), Role.READONLY);
        Membership toSuspend = storedMembership(org, storedUser(), Role.MEMBER);
        memberships().insert(org.id(),
                Fixtures.suspendedMembership(this.clock, org.id(), storedUser().id(), Role.ADMIN));
        assertThat(memberships().countActive(org.id())).isEqualTo(3);

        memberships().update(org.id(), Fixtures.withStatus(toSuspend, MembershipStatus.SUSPENDED, this.clock));

        assertThat(memberships().countActive(org.id())).isEqualTo(2);
        assertThat(memberships().countActive(storedOrganization().id())).isZero();
        assertThat(memberships().countActive(new OrgId(Ids.next(this.clock)))).isZero();
    }

    @Test
    void countActiveSeesOnlyItsOwnOrganization() {
        Organization orgA = storedOrganization();
        Organization orgB = storedOrganization();
        User shared = storedUser();
        storedMembership(orgA, shared, Role.OWNER);
        storedMembership(orgB, shared, Role.OWNER);
        storedMembership(orgB, storedUser(), Role.MEMBER);
        storedMembership(orgB, storedUser(), Role.MEMBER);

        assertThat(memberships().countActive(orgA.id())).isEqualTo(1);
        assertThat(memberships().countActive(orgB.id())).isEqualTo(3);
    }

    @Test
    void anotherOrganizationsMembershipIsInvisibleUnderThisOrganization() {
        Organization orgA = storedOrganization();
        Organization orgB = storedOrganization();
        User userB = storedUser();
        Membership membershipB = storedMembership(orgB, userB, Role.OWNER);

        assertThat(memberships().findById(orgA.id(), membershipB.id())).isEmpty();
        assertThat(memberships().findByUser(orgA.id(), userB.id())).isEmpty();
        assertThat(memberships().countActiveOwners(orgA.id())).isZero();
        assertThat(memberships().list(orgA.id())).isEmpty();
    }

    @Test
    void anotherOrganizationsMembershipCannotBeChangedUnderThisOrganization() {
        Organization orgA = storedOrganization();
        Organization orgB = storedOrganization();
        Membership membershipB = storedMembership(orgB, storedUser(), Role.OWNER);
        Membership demoted = membershipB.changeRole(Role.READONLY, this.clock.instant());

        assertThat(memberships().update(orgA.id(), demoted)).isFalse();
        assertThat(memberships().delete(orgA.id(), membershipB.id())).isFalse();

        Membership stillThere = memberships().findById(orgB.id(), membershipB.id()).orElseThrow();
        assertSameMembership(stillThere, membershipB);
    }

    @Test
    void listAndCountSeeOnlyTheirOwnOrganization() {
        Organization orgA = storedOrganization();
        Organization orgB = storedOrganization();
        User shared = storedUser();
        Membership a1 = storedMembership(orgA, shared, Role.OWNER);
        this.clock.advance(Duration.ofSeconds(1));
        Membership a2 = storedMembership(orgA, storedUser(), Role.MEMBER);
        storedMembership(orgB, shared, Role.OWNER);
        storedMembership(orgB, storedUser(), Role.OWNER);
        storedMembership(orgB, storedUser(), Role.OWNER);

        assertThat(memberships().list(orgA.id())).extracting((m) -> m.membership().id())
                .containsExactly(a1.id(), a2.id());
        assertThat(memberships().countActiveOwners(orgA.id())).isEqualTo(1);
        assertThat(memberships().countActiveOwners(orgB.id())).isEqualTo(3);
    }

    @Test
    void listActiveForUserIsEarliestFirstWithOrganizationNamesAndRoles() {
        User user = storedUser();
        Organization later = storedOrganization();
        Organization earlier = storedOrganization();
        Organization middle = storedOrganization();
        Instant start = this.clock.instant();
        insertAt(later, user, Role.READONLY, start.plusSeconds(20));
        insertAt(earlier, user, Role.OWNER, start);
        insertAt(middle, user, Role.BILLING, start.plusSeconds(10));

        List<UserMembership> listed = memberships().listActiveForUser(user.id());

        assertThat(listed).extracting(UserMembership::orgId)
                .containsExactly(earlier.id(), middle.id(), later.id());
        assertThat(listed).extracting(UserMembership::orgName)
                .containsExactly(earlier.name(), middle.name(), later.name());
        assertThat(listed).extracting(UserMembership::role)
                .containsExactly(Role.OWNER, Role.BILLING, Role.READONLY);
        assertThat(listed).extracting(UserMembership::createdAt)
                .containsExactly(start, start.plusSeconds(10), start.plusSeconds(20));
    }

    @Test
    void listActiveForUserBreaksCreationTimeTiesByMembershipId() {
        User user = storedUser();
        List<Membership> sameInstant = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Organization org = storedOrganization();
            sameInstant.add(storedMembership(org, user, Role.MEMBER));
        }
        List<OrgId> expected = sameInstant.stream()
                .sorted(Comparator.comparing((Membership m) -> m.id().toString()))
                .map(Membership::orgId)
                .toList();

        assertThat(memberships().listActiveForUser(user.id())).extracting(UserMembership::orgId)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void listActiveForUserExcludesSuspendedMemberships() {
        User user = storedUser();
        Organization active = storedOrganization();
        Organization suspended = storedOrganization();
        Organization laterSuspended = storedOrganization();
        memberships().insert(suspended.id(),
                Fixtures.suspendedMembership(this.clock, suspended.id(), user.id(), Role.OWNER));
        this.clock.advance(Duration.ofSeconds(1));
        storedMembership(active, user, Role.MEMBER);
        Membership toSuspend = storedMembership(laterSuspended, user, Role.ADMIN);
        memberships().update(laterSuspended.id(),
                Fixtures.withStatus(toSuspend, MembershipStatus.SUSPENDED, this.clock));

        assertThat(memberships().listActiveForUser(user.id())).extracting(UserMembership::orgId)
                .containsExactly(active.id());
    }

    @Test
    void listActiveForUserWithoutMembershipsIsEmpty() {
        assertThat(memberships().listActiveForUser(storedUser().id())).isEmpty();
    }

    /**
     * Stores a fresh user.
     * @return the user
     */
    protected User storedUser() {
        User user = Fixtures.user(this.clock);
        users().insert(user);
        return user;
    }

    /**
     * Stores a fresh organization.
     * @return the organization
     */
    protected Organization storedOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        organizations().insert(organization);
        return organization;
    }

    /**
     * Stores an active membership created now.
     * @param org the organization
     * @param user the user
     * @param role the role
     * @return the membership
     */
    protected Membership storedMembership(Organization org, User user, Role role) {
        Membership membership = Fixtures.membership(this.clock, org.id(), user.id(), role);
        memberships().insert(org.id(), membership);
        return membership;
    }

    private void insertAt(Organization org, User user, Role role, Instant createdAt) {
        Membership membership = Membership.restore(new MembershipId(Ids.next(this.clock)), org.id(), user.id(),
                role, MembershipStatus.ACTIVE, null, 1, createdAt, createdAt);
        memberships().insert(org.id(), membership);
    }

    /**
     * Asserts that a loaded membership carries every field of the expected one.
     * @param actual the loaded membership
     * @param expected the stored membership
     */
    protected static void assertSameMembership(Membership actual, Membership expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.orgId()).isEqualTo(expected.orgId());
        assertThat(actual.userId()).isEqualTo(expected.userId());
        assertThat(actual.role()).isEqualTo(expected.role());
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.externalId()).isEqualTo(expected.externalId());
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
    }
}
