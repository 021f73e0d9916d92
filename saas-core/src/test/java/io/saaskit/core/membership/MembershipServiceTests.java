package io.saaskit.core.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.User;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.DemoModeException;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.SaasException;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.OrganizationDefaults;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MembershipServiceTests {

    private static final String LAST_OWNER = "An organization must keep at least one owner";

    private static final String ROLE_CHANGED = "Your role changed while the request was in progress; please retry";

    private final MutableClock clock = new MutableClock();

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryMembershipRepository memberships =
            new InMemoryMembershipRepository(this.users, this.organizations);

    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private final MembershipService service = new MembershipService(this.memberships, this.organizations,
            this.users, this.audit, new InMemoryTransactionRunner(), this.clock, new MembershipSettings(new OrganizationDefaults("free", 1000L), false));

    private final User founder = storedUser();

    private final NewOrganization org = this.service.found(this.founder.id(), "Acme Inc");

    // --- founding ---

    @Test
    void foundingCreatesTheOrganizationOnTheDefaultPlanWithTheFounderAsOwner() {
        Organization organization = this.organizations.findById(this.org.organization().id()).orElseThrow();

        assertThat(organization.name()).isEqualTo("Acme Inc");
        assertThat(organization.plan()).isEqualTo("free");
        assertThat(organization.planLimit()).contains(1000L);
        assertThat(this.org.owner().role()).isEqualTo(Role.OWNER);
        assertThat(this.org.owner().userId()).isEqualTo(this.founder.id());
        assertThat(this.memberships.countActiveOwners(organization.id())).isEqualTo(1);
    }

    @Test
    void foundingTrimsTheName() {
        NewOrganization founded = this.service.found(this.founder.id(), "  Spaced Name  ");

        assertThat(founded.organization().name()).isEqualTo("Spaced Name");
    }

    @Test
    void foundingRefusesAnInvalidNameOnTheNameField() {
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> this.service.found(this.founder.id(), "Bad_Name!"))
                .satisfies((e) -> assertThat(e.errors()).singleElement().satisfies((error) -> {
                    assertThat(error.field()).isEqualTo("name");
                    assertThat(error.message())
                            .isEqualTo("Organization name can only contain letters, numbers, spaces, and dashes");
                }));
    }

    // --- audit ---

    @Test
    void foundingAddingChangingAndRemovingAreAuditedWithTheRequest() {
        RequestContext context = new RequestContext("req-members", new ClientInfo("192.0.2.1", "JUnit"));
        NewOrganization founded = this.service.found(this.founder.id(), "Audited Org", context);
        OrgAccess owner = this.service.resolveAccess(this.founder.id(), founded.organization().id().toString());
        User user = storedUser();

        Membership added = this.service.add(owner, user.email(), Role.MEMBER, context);
        this.service.changeRole(owner, added.id(), Role.MEMBER, context);
        this.service.changeRole(owner, added.id(), Role.READONLY, context);
        this.service.remove(owner, added.id(), context);

        List<AuditEntry> rows = this.audit.entries(founded.organization().id());
        assertThat(rows).extracting(AuditEntry::action).containsExactly("org.create", "org.member.add",
                "org.member.update", "org.member.remove");
        assertThat(rows).allSatisfy((row) -> {
            assertThat(row.actor().userId()).isEqualTo(this.founder.id().value());
            assertThat(row.requestId()).isEqualTo("req-members");
            assertThat(row.ip()).isEqualTo("192.0.2.1");
        });
        assertThat(rows.get(1).metadata()).containsEntry("email", user.email().value()).containsEntry("role",
                "MEMBER");
        assertThat(rows.get(2).metadata()).containsEntry("role", "READONLY").containsEntry("previousRole", "MEMBER");
        assertThat(rows.get(3).targetId()).isEqualTo(added.id().toString());
    }

    @Test
    void aRefusedChangeLeavesNoAuditRow() {
        int before = this.audit.entries(orgId()).size();

        assertThatExceptionOfType(ConflictException.class)
                .isThrownBy(() -> this.service.remove(ownerAccess(), this.org.owner().id(), RequestContext.NONE));

        assertThat(this.audit.entries(orgId())).hasSize(before);
    }

    // --- tenant resolution (spec 3.1) ---

    @Test
    void explicitOrganizationResolvesToTheCallersMembership() {
        User admin = member(Role.ADMIN);

        OrgAccess access = this.service.resolveAccess(admin.id(), orgId().toString());

        assertThat(access.orgId()).isEqualTo(orgId());
        assertThat(access.userId()).isEqualTo(admin.id());
        assertThat(access.role()).isEqualTo(Role.ADMIN);
        assertThat(access.membershipId())
                .isEqualTo(this.memberships.findByUser(orgId(), admin.id()).orElseThrow().id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", " ", "0000", "01890a5d-ac96-774b-bcce-b302099a8057x",
            "{01890a5d-ac96-774b-bcce-b302099a8057}"})
    void malformedOrganizationIdIsRefusedLikeANonMember(String header) {
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.resolveAccess(this.founder.id(), header))
                .withMessage("Not a member of this organization");
    }

    @Test
    void unknownAndForeignOrganizationsAreRefusedAlike() {
        User stranger = storedUser();
        OrgId unknown = new OrgId(Ids.next(this.clock));

        ForbiddenException unknownFailure = forbidden(() -> this.service.resolveAccess(this.founder.id(),
                unknown.toString()));
        ForbiddenException foreignFailure = forbidden(() -> this.service.resolveAccess(stranger.id(),
                orgId().toString()));

        assertThat(unknownFailure.getMessage()).isEqualTo(foreignFailure.getMessage())
                .isEqualTo("Not a member of this organization");
        assertThat(unknownFailure.code()).isEqualTo(foreignFailure.code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void uppercaseOrganizationIdIsAccepted() {
        OrgAccess access = this.service.resolveAccess(this.founder.id(), orgId().toString().toUpperCase(Locale.ROOT));

        assertThat(access.orgId()).isEqualTo(orgId());
    }

    @Test
    void suspendedMembershipCountsAsNoneForAnExplicitOrganization() {
        User suspended = storedUser();
        this.memberships.insert(orgId(), Fixtures.suspendedMembership(this.clock, orgId(), suspended.id(),
                Role.ADMIN));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.resolveAccess(suspended.id(), orgId().toString()))
                .withMessage("Not a member of this organization");
    }

    @Test
    void withoutAnOrganizationTheEarliestActiveMembershipIsUsed() {
        User user = storedUser();
        Organization first = otherOrganization();
        Organization second = otherOrganization();
        this.memberships.insert(second.id(), Fixtures.membership(this.clock, second.id(), user.id(), Role.MEMBER));
        this.clock.advance(Duration.ofSeconds(1));
        this.memberships.insert(first.id(), Fixtures.membership(this.clock, first.id(), user.id(), Role.ADMIN));

        OrgAccess access = this.service.resolveAccess(user.id(), null);

        assertThat(access.orgId()).isEqualTo(second.id());
        assertThat(access.role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void withoutAnOrganizationSuspendedMembershipsAreSkipped() {
        User user = storedUser();
        Organization suspendedOrg = otherOrganization();
        Organization activeOrg = otherOrganization();
        this.memberships.insert(suspendedOrg.id(),
                Fixtures.suspendedMembership(this.clock, suspendedOrg.id(), user.id(), Role.OWNER));
        this.clock.advance(Duration.ofSeconds(1));
        this.memberships.insert(activeOrg.id(),
                Fixtures.membership(this.clock, activeOrg.id(), user.id(), Role.BILLING));

        assertThat(this.service.resolveAccess(user.id(), null).orgId()).isEqualTo(activeOrg.id());
    }

    @Test
    void withoutAnyActiveMembershipNoOrganizationIsFound() {
        User user = storedUser();
        this.memberships.insert(orgId(), Fixtures.suspendedMembership(this.clock, orgId(), user.id(), Role.MEMBER));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.resolveAccess(user.id(), null))
                .withMessage("No organization membership found");
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.resolveAccess(storedUser().id(), null))
                .withMessage("No organization membership found");
    }

    @Test
    void organizationsOfListsActiveMembershipsEarliestFirst() {
        this.clock.advance(Duration.ofSeconds(1));
        NewOrganization second = this.service.found(this.founder.id(), "Second");

        assertThat(this.service.organizationsOf(this.founder.id())).extracting(UserMembership::orgId)
                .containsExactly(orgId(), second.organization().id());
    }

    // --- reads ---

    @Test
    void organizationIsReadableByEveryRole() {
        for (Role role : Role.values()) {
            User user = member(role);
            assertThat(this.service.organization(access(user)).id()).isEqualTo(orgId());
        }
    }

    @Test
    void membersAreListedOldestFirst() {
        this.clock.advance(Duration.ofSeconds(1));
        User admin = member(Role.ADMIN);
        this.clock.advance(Duration.ofSeconds(1));
        User readonly = member(Role.READONLY);

        List<MemberView> members = this.service.list(access(readonly));

        assertThat(members).extracting(MemberView::email)
                .containsExactly(this.founder.email(), admin.email(), readonly.email());
    }

    // --- add (POST /org/members) ---

    @Test
    void ownerAddsAnExistingUser() {
        User user = storedUser();

        Membership added = this.service.add(ownerAccess(), user.email(), Role.BILLING);

        assertThat(added.orgId()).isEqualTo(orgId());
        assertThat(added.userId()).isEqualTo(user.id());
        assertThat(added.role()).isEqualTo(Role.BILLING);
        assertThat(added.status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(this.memberships.findById(orgId(), added.id())).isPresent();
    }

    @Test
    void adminAddsNonOwnerRoles() {
        OrgAccess admin = access(member(Role.ADMIN));

        for (Role role : List.of(Role.ADMIN, Role.MEMBER, Role.BILLING, Role.READONLY)) {
            assertThat(this.service.add(admin, storedUser().email(), role).role()).isEqualTo(role);
        }
    }

    @Test
    void onlyAnOwnerGrantsTheOwnerRoleOnAdd() {
        OrgAccess admin = access(member(Role.ADMIN));
        User user = storedUser();

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.add(admin, user.email(), Role.OWNER))
                .withMessage("Only an owner can grant the owner role");
        assertThat(this.memberships.findByUser(orgId(), user.id())).isEmpty();
        assertThat(this.service.add(ownerAccess(), user.email(), Role.OWNER).role()).isEqualTo(Role.OWNER);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"MEMBER", "BILLING", "READONLY"})
    void rolesWithoutMembersInviteCannotAdd(Role role) {
        OrgAccess caller = access(member(role));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.add(caller, storedUser().email(), Role.READONLY))
                .withMessage("Insufficient permission")
                .satisfies((e) -> assertThat(e.requiredPermission()).contains("members.invite"));
    }

    @Test
    void addingAnExistingMemberIsAConflict() {
        User member = member(Role.MEMBER);

        assertThatExceptionOfType(MemberAlreadyExistsException.class)
                .isThrownBy(() -> this.service.add(ownerAccess(), member.email(), Role.ADMIN))
                .withMessage("User is already a member")
                .satisfies((e) -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThat(this.memberships.findByUser(orgId(), member.id()).orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void addingAnUnknownEmailIsNotFound() {
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> this.service.add(ownerAccess(), new EmailAddress("nobody@example.com"), Role.MEMBER))
                .withMessage("User not found");
    }

    // --- change role (PATCH /org/members/:id) ---

    @Test
    void ownerChangesAMembersRole() {
        User member = member(Role.MEMBER);
        Membership before = membershipOf(member);
        this.clock.advance(Duration.ofMinutes(1));

        MembershipService.RoleChange change = this.service.changeRole(ownerAccess(), before.id(), Role.ADMIN);

        assertThat(change.previousRole()).isEqualTo(Role.MEMBER);
        assertThat(change.membership().role()).isEqualTo(Role.ADMIN);
        assertThat(change.membership().version()).isEqualTo(before.version() + 1);
        assertThat(change.membership().updatedAt()).isEqualTo(this.clock.instant());
        assertThat(membershipOf(member).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void changingToTheSameRoleWritesNothing() {
        User member = member(Role.MEMBER);
        Membership before = membershipOf(member);

        MembershipService.RoleChange change = this.service.changeRole(ownerAccess(), before.id(), Role.MEMBER);

        assertThat(change.previousRole()).isEqualTo(Role.MEMBER);
        assertThat(membershipOf(member).version()).isEqualTo(before.version());
    }

    @Test
    void ownerPromotesAnAdminToOwner() {
        User admin = member(Role.ADMIN);

        MembershipService.RoleChange change = this.service.changeRole(ownerAccess(), membershipOf(admin).id(),
                Role.OWNER);

        assertThat(change.membership().role()).isEqualTo(Role.OWNER);
        assertThat(this.memberships.countActiveOwners(orgId())).isEqualTo(2);
    }

    @Test
    void onlyAnOwnerGrantsTheOwnerRoleOnChange() {
        OrgAccess admin = access(member(Role.ADMIN));
        Membership target = membershipOf(member(Role.MEMBER));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.changeRole(admin, target.id(), Role.OWNER))
                .withMessage("Only an owner can grant the owner role");
        assertThat(this.memberships.findById(orgId(), target.id()).orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void onlyAnOwnerChangesAnOwnersRole() {
        OrgAccess admin = access(member(Role.ADMIN));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.changeRole(admin, this.org.owner().id(), Role.MEMBER))
                .withMessage("Only an owner can change an owner's role");
        assertThat(membershipOf(this.founder).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void ownerChangesAnotherOwnersRole() {
        User secondOwner = member(Role.OWNER);

        MembershipService.RoleChange change = this.service.changeRole(ownerAccess(), membershipOf(secondOwner).id(),
                Role.ADMIN);

        assertThat(change.membership().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void nobodyChangesTheirOwnRole() {
        OrgAccess admin = access(member(Role.ADMIN));
        member(Role.OWNER);

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.changeRole(admin, admin.membershipId(), Role.MEMBER))
                .withMessage("You cannot change your own role");
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.changeRole(ownerAccess(), this.org.owner().id(), Role.ADMIN))
                .withMessage("You cannot change your own role");
        assertThat(membershipOf(this.founder).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void adminPromotingThemselfToOwnerHitsTheOwnerGrantRuleFirst() {
        OrgAccess admin = access(member(Role.ADMIN));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.changeRole(admin, admin.membershipId(), Role.OWNER))
                .withMessage("Only an owner can grant the owner role");
    }

    @Test
    void ownerKeepingTheirOwnRoleIsStillRefused() {
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.changeRole(ownerAccess(), this.org.owner().id(), Role.OWNER))
                .withMessage("You cannot change your own role");
    }

    @Test
    void aCallerDemotedWhileTheRequestWaitedGetsAConflictAndChangesNothing() {
        // A second owner whose access was resolved before the founder demoted them must not act as an owner.
        User second = member(Role.OWNER);
        OrgAccess staleSecond = access(second);
        this.service.changeRole(ownerAccess(), membershipOf(second).id(), Role.MEMBER);

        assertThatExceptionOfType(ConflictException.class)
                .isThrownBy(() -> this.service.changeRole(staleSecond, this.org.owner().id(), Role.MEMBER))
                .withMessage(ROLE_CHANGED)
                .satisfies((e) -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThat(membershipOf(this.founder).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void aCallerRemovedWhileTheRequestWaitedIsNoLongerAMember() {
        User admin = member(Role.ADMIN);
        OrgAccess staleAdmin = access(admin);
        Membership target = membershipOf(member(Role.READONLY));
        this.service.remove(ownerAccess(), membershipOf(admin).id());

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.remove(staleAdmin, target.id()))
                .withMessage("Not a member of this organization");
        assertThat(this.memberships.findById(orgId(), target.id())).isPresent();
    }

    @Test
    void demoModeRefusesRemovalAndOwnerRoleChangesAfterTheOtherRules() {
        MembershipService demo = new MembershipService(this.memberships, this.organizations, this.users,
                this.audit, new InMemoryTransactionRunner(), this.clock,
                new MembershipSettings(new OrganizationDefaults("free", 1000L), true));
        User admin = member(Role.ADMIN);
        Membership reader = membershipOf(member(Role.READONLY));

        assertThatExceptionOfType(DemoModeException.class)
                .isThrownBy(() -> demo.remove(ownerAccess(), reader.id()))
                .satisfies((e) -> assertThat(e.code()).isEqualTo("DEMO_MODE"));
        assertThatExceptionOfType(DemoModeException.class)
                .isThrownBy(() -> demo.changeRole(ownerAccess(), reader.id(), Role.OWNER));
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> demo.remove(ownerAccess(), new MembershipId(Ids.next(this.clock))));
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> demo.remove(access(admin), this.org.owner().id()))
                .withMessage("Only an owner can remove an owner");
        assertThat(demo.changeRole(ownerAccess(), reader.id(), Role.MEMBER).membership().role())
                .isEqualTo(Role.MEMBER);
    }

    @Test
    void twoOwnersDemotingEachOtherConcurrentlyLeaveOneOwner() throws Exception {
        User second = member(Role.OWNER);
        OrgAccess first = ownerAccess();
        OrgAccess other = access(second);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        List<Future<Object>> results = new ArrayList<>();
        try {
            results.add(executor.submit(() -> attempt(start,
                    () -> this.service.changeRole(first, other.membershipId(), Role.ADMIN))));
            results.add(executor.submit(() -> attempt(start,
                    () -> this.service.changeRole(other, first.membershipId(), Role.ADMIN))));
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> result : results) {
                outcomes.add(result.get(10, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn(MembershipService.RoleChange.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(ConflictException.class::isInstance).singleElement()
                    .satisfies((e) -> assertThat(((ConflictException) e).getMessage()).isEqualTo(ROLE_CHANGED));
            assertThat(this.memberships.countActiveOwners(orgId())).isEqualTo(1);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"MEMBER", "BILLING", "READONLY"})
    void rolesWithoutRoleUpdateCannotChangeRoles(Role role) {
        OrgAccess caller = access(member(role));
        Membership target = membershipOf(member(Role.READONLY));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.changeRole(caller, target.id(), Role.MEMBER))
                .withMessage("Insufficient permission")
                .satisfies((e) -> assertThat(e.requiredPermission()).contains("members.role.update"));
    }

    @Test
    void changingAnotherOrganizationsMembershipIsNotFound() {
        Organization other = otherOrganization();
        User outsider = storedUser();
        Membership foreign = Fixtures.membership(this.clock, other.id(), outsider.id(), Role.MEMBER);
        this.memberships.insert(other.id(), foreign);

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> this.service.changeRole(ownerAccess(), foreign.id(), Role.ADMIN))
                .withMessage("Membership not found");
        assertThat(this.memberships.findById(other.id(), foreign.id()).orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void changingAnUnknownMembershipIsNotFound() {
        MembershipId unknown = new MembershipId(Ids.next(this.clock));

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> this.service.changeRole(ownerAccess(), unknown, Role.ADMIN))
                .withMessage("Membership not found");
    }

    // --- remove (DELETE /org/members/:id) ---

    @Test
    void adminRemovesAMember() {
        OrgAccess admin = access(member(Role.ADMIN));
        Membership target = membershipOf(member(Role.MEMBER));

        Membership removed = this.service.remove(admin, target.id());

        assertThat(removed.id()).isEqualTo(target.id());
        assertThat(this.memberships.findById(orgId(), target.id())).isEmpty();
    }

    @Test
    void onlyAnOwnerRemovesAnOwner() {
        OrgAccess admin = access(member(Role.ADMIN));
        User secondOwner = member(Role.OWNER);

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.remove(admin, membershipOf(secondOwner).id()))
                .withMessage("Only an owner can remove an owner");
        assertThat(this.memberships.findByUser(orgId(), secondOwner.id())).isPresent();

        this.service.remove(ownerAccess(), membershipOf(secondOwner).id());
        assertThat(this.memberships.findByUser(orgId(), secondOwner.id())).isEmpty();
    }

    @Test
    void lastOwnerCannotRemoveThemself() {
        assertThatExceptionOfType(ConflictException.class)
                .isThrownBy(() -> this.service.remove(ownerAccess(), this.org.owner().id()))
                .withMessage(LAST_OWNER);
        assertThat(this.memberships.countActiveOwners(orgId())).isEqualTo(1);
    }

    @Test
    void lastActiveOwnerCannotBeRemovedEvenWithASuspendedOwnerLeft() {
        this.memberships.insert(orgId(), Fixtures.suspendedMembership(this.clock, orgId(), storedUser().id(),
                Role.OWNER));

        assertThatExceptionOfType(ConflictException.class)
                .isThrownBy(() -> this.service.remove(ownerAccess(), this.org.owner().id()))
                .withMessage(LAST_OWNER);
    }

    @Test
    void ownerRemovesThemselfWhenAnotherOwnerRemains() {
        member(Role.OWNER);

        this.service.remove(ownerAccess(), this.org.owner().id());

        assertThat(this.memberships.findByUser(orgId(), this.founder.id())).isEmpty();
        assertThat(this.memberships.countActiveOwners(orgId())).isEqualTo(1);
    }

    @Test
    void adminRemovesThemself() {
        OrgAccess admin = access(member(Role.ADMIN));

        this.service.remove(admin, admin.membershipId());

        assertThat(this.memberships.findById(orgId(), admin.membershipId())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"MEMBER", "BILLING", "READONLY"})
    void rolesWithoutMembersRemoveCannotRemoveEvenThemselves(Role role) {
        OrgAccess caller = access(member(role));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.remove(caller, caller.membershipId()))
                .withMessage("Insufficient permission")
                .satisfies((e) -> assertThat(e.requiredPermission()).contains("members.remove"));
        assertThat(this.memberships.findById(orgId(), caller.membershipId())).isPresent();
    }

    @Test
    void removingAnotherOrganizationsMembershipIsNotFound() {
        Organization other = otherOrganization();
        Membership foreign = Fixtures.membership(this.clock, other.id(), storedUser().id(), Role.MEMBER);
        this.memberships.insert(other.id(), foreign);

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> this.service.remove(ownerAccess(), foreign.id()))
                .withMessage("Membership not found");
        assertThat(this.memberships.findById(other.id(), foreign.id())).isPresent();
    }

    // --- helpers ---

    private Object attempt(CountDownLatch start, Supplier<Object> action) throws Exception {
        start.await();
        try {
            return action.get();
        }
        catch (SaasException ex) {
            return ex;
        }
    }

    private static ForbiddenException forbidden(Runnable action) {
        try {
            action.run();
        }
        catch (ForbiddenException ex) {
            return ex;
        }
        throw new AssertionError("Expected a ForbiddenException");
    }

    private OrgId orgId() {
        return this.org.organization().id();
    }

    private OrgAccess ownerAccess() {
        return access(this.founder);
    }

    private OrgAccess access(User user) {
        return this.service.resolveAccess(user.id(), orgId().toString());
    }

    private Membership membershipOf(User user) {
        return this.memberships.findByUser(orgId(), user.id()).orElseThrow();
    }

    private User member(Role role) {
        User user = storedUser();
        this.memberships.insert(orgId(), Fixtures.membership(this.clock, orgId(), user.id(), role));
        return user;
    }

    private User storedUser() {
        User user = Fixtures.user(this.clock);
        this.users.insert(user);
        return user;
    }

    private Organization otherOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        this.organizations.insert(organization);
        return organization;
    }
}
