package io.saaskit.core.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.saaskit.core.audit.ActorType;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.Session;
import io.saaskit.core.identity.SessionId;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryDirectoryRepository;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemorySessionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.DemoModeException;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProvisioningServiceTests {

    private static final RequestContext CONTEXT =
            new RequestContext("req-9", new ClientInfo("203.0.113.9", "Okta SCIM Client"));

    private final MutableClock clock = new MutableClock();

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryMembershipRepository memberships =
            new InMemoryMembershipRepository(this.users, this.organizations);

    private final InMemorySessionRepository sessions = new InMemorySessionRepository();

    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private Organization org;

    private ScimCaller caller;

    private User owner;

    @BeforeEach
    void organizationWithAnOwner() {
        this.org = Fixtures.organization(this.clock);
        this.organizations.insert(this.org);
        this.owner = Fixtures.user(this.clock);
        this.users.insert(this.owner);
        this.memberships.insert(this.org.id(), Fixtures.membership(this.clock, this.org.id(), this.owner.id(),
                Role.OWNER));
        this.caller = new ScimCaller(this.org.id(), UUID.randomUUID());
    }

    @Test
    void createProvisionsAnUnknownEmailWithoutPasswordAndAudits() {
        DirectoryUser created = service(false).create(this.caller, draft("new@example.com", null), CONTEXT);

        User user = this.users.findById(created.id()).orElseThrow();
        assertThat(user.passwordHash()).isEmpty();
        assertThat(created.membership().role()).isEqualTo(Role.READONLY);
        assertThat(created.active()).isTrue();
        AuditEntry entry = only(ProvisioningService.PROVISIONED_ACTION);
        assertThat(entry.actor().type()).isEqualTo(ActorType.SCIM);
        assertThat(entry.actor().tokenId()).isEqualTo(this.caller.tokenId());
        assertThat(entry.targetId()).isEqualTo(created.id().toString());
        assertThat(entry.requestId()).isEqualTo("req-9");
        assertThat(entry.metadata()).containsEntry("role", "READONLY").containsEntry("userCreated", true);
    }

    @Test
    void createRefusesOwnersDuplicatesAndTakenExternalIds() {
        ProvisioningService service = service(false);
        service.create(this.caller, draft("a@example.com", null).withExternalId("ext-1"), CONTEXT);

        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> service.create(this.caller,
                draft("b@example.com", Role.OWNER), CONTEXT));
        assertRefused(() -> service.create(this.caller, draft("a@example.com", null), CONTEXT),
                ProvisioningError.UNIQUENESS);
        assertRefused(() -> service.create(this.caller, draft("c@example.com", null).withExternalId("ext-1"),
                CONTEXT), ProvisioningError.UNIQUENESS);
        assertRefused(() -> service.create(this.caller, draft("d@mailinator.com", null), CONTEXT),
                ProvisioningError.INVALID_VALUE);
    }

    @Test
    void suspensionRevokesEverySessionInTheSameChangeAndReactivationRestores() {
        ProvisioningService service = service(false);
        DirectoryUser user = service.create(this.caller, draft("s@example.com", Role.ADMIN), CONTEXT);
        session(user.id());
        session(user.id());

        DirectoryUser suspended = service.update(this.caller, user.id(), 1L,
                (current) -> UserDraft.of(current).withActive(false), CONTEXT);

        assertThat(suspended.active()).isFalse();
        assertThat(suspended.membership().version()).isEqualTo(2);
        assertThat(this.sessions.listForUser(user.id())).isEmpty();
        assertThat(only(ProvisioningService.DEPROVISIONED_ACTION).metadata()).containsEntry("mode", "suspended");
        assertThat(only(ProvisioningService.SESSIONS_REVOKED_ACTION).metadata()).containsEntry("reason", "scim")
                .containsEntry("count", 2);

        DirectoryUser active = service.update(this.caller, user.id(), null,
                (current) -> UserDraft.of(current).withActive(true), CONTEXT);

        assertThat(active.active()).isTrue();
        assertThat(only(ProvisioningService.REACTIVATED_ACTION).targetId()).isEqualTo(user.id().toString());
    }

    @Test
    void staleVersionIsRefusedAndNothingChanges() {
        ProvisioningService service = service(false);
        DirectoryUser user = service.create(this.caller, draft("v@example.com", null), CONTEXT);

        assertRefused(() -> service.update(this.caller, user.id(), 7L,
                (current) -> UserDraft.of(current).withActive(false), CONTEXT), ProvisioningError.VERSION_MISMATCH);
        assertRefused(() -> service.delete(this.caller, user.id(), 7L, CONTEXT), ProvisioningError.VERSION_MISMATCH);
        assertThat(service.get(this.caller, user.id()).active()).isTrue();
    }

    @Test
    void roleChangesAreAuditedAndNoChangeWritesNothing() {
        ProvisioningService service = service(false);
        DirectoryUser user = service.create(this.caller, draft("r@example.com", Role.MEMBER), CONTEXT);

        service.update(this.caller, user.id(), null, (current) -> UserDraft.of(current).withRole(Role.BILLING),
                CONTEXT);
        DirectoryUser same = service.update(this.caller, user.id(), null, UserDraft::of, CONTEXT);
        DirectoryUser defaulted = service.update(this.caller, user.id(), null,
                (current) -> UserDraft.of(current).withRole(null), CONTEXT);

        assertThat(same.membership().version()).isEqualTo(2);
        assertThat(defaulted.membership().role()).isEqualTo(Role.READONLY);
        assertThat(entries(ProvisioningService.ROLE_UPDATED_ACTION)).hasSize(2).first().satisfies((entry) ->
                assertThat(entry.metadata()).containsEntry("role", "BILLING").containsEntry("previousRole", "MEMBER"));
    }

    @Test
    void ownersCannotBeDemotedSuspendedOrRemovedButMayBeRenamed() {
        ProvisioningService service = service(false);
        UserId ownerId = this.owner.id();

        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> service.update(this.caller, ownerId,
                null, (current) -> UserDraft.of(current).withRole(Role.ADMIN), CONTEXT));
        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> service.update(this.caller, ownerId,
                null, (current) -> UserDraft.of(current).withActive(false), CONTEXT));
        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> service.update(this.caller, ownerId,
                null, (current) -> UserDraft.of(current).withRole(null), CONTEXT));
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> service.delete(this.caller, ownerId, null, CONTEXT));
        DirectoryUser renamed = service.update(this.caller, ownerId, null,
                (current) -> UserDraft.of(current).withProfile(new Profile("O", "Wner", null)), CONTEXT);

        assertThat(renamed.membership().role()).isEqualTo(Role.OWNER);
        assertThat(renamed.profile().formatted()).isEqualTo("O Wner");
        assertThat(this.memberships.countActiveOwners(this.org.id())).isEqualTo(1);
    }

    @Test
    void nobodyCanBeMadeAnOwner() {
        ProvisioningService service = service(false);
        DirectoryUser user = service.create(this.caller, draft("o@example.com", Role.ADMIN), CONTEXT);

        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> service.update(this.caller, user.id(),
                null, (current) -> UserDraft.of(current).withRole(Role.OWNER), CONTEXT));
    }

    @Test
    void userNameChangesOnlyForUsersOfNoOtherOrganization() {
        ProvisioningService service = service(false);
        DirectoryUser user = service.create(this.caller, draft("u@example.com", null), CONTEXT);
        this.users.insert(Fixtures.user(this.clock, new EmailAddress("taken@example.com")));

        DirectoryUser renamed = service.update(this.caller, user.id(), null,
                (current) -> UserDraft.of(current).withUserName(new EmailAddress("U2@Example.com")), CONTEXT);
        assertThat(renamed.userName().value()).isEqualTo("u2@example.com");
        assertThat(this.users.findByEmail(new EmailAddress("u2@example.com"))).isPresent();
        assertRefused(() -> service.update(this.caller, user.id(), null,
                (current) -> UserDraft.of(current).withUserName(new EmailAddress("taken@example.com")), CONTEXT),
                ProvisioningError.UNIQUENESS);

        Organization other = Fixtures.organization(this.clock);
        this.organizations.insert(other);
        service.create(new ScimCaller(other.id(), UUID.randomUUID()), draft("u2@example.com", null), CONTEXT);
        assertRefused(() -> service.update(this.caller, user.id(), null,
                (current) -> UserDraft.of(current).withUserName(new EmailAddress("u3@example.com")), CONTEXT),
                ProvisioningError.MUTABILITY);
        assertThat(entries(ProvisioningService.UPDATED_ACTION)).hasSize(1).first().satisfies((entry) ->
                assertThat(entry.metadata()).containsEntry("attributes", List.of("userName")));
    }

    @Test
    void deleteRemovesTheMembershipKeepsTheAccountAndRevokesSessions() {
        ProvisioningService service = service(false);
        DirectoryUser user = service.create(this.caller, draft("d@example.com", null), CONTEXT);
        session(user.id());

        service.delete(this.caller, user.id(), 1L, CONTEXT);

        assertThat(this.memberships.findByUser(this.org.id(), user.id())).isEmpty();
        assertThat(this.users.findById(user.id())).isPresent();
        assertThat(this.sessions.listForUser(user.id())).isEmpty();
        assertThat(only(ProvisioningService.DEPROVISIONED_ACTION).metadata()).containsEntry("mode", "deleted");
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> service.delete(this.caller, user.id(), null, CONTEXT));
    }

    @Test
    void demoModeRefusesDeletionOnly() {
        ProvisioningService service = service(true);
        DirectoryUser user = service.create(this.caller, draft("demo@example.com", null), CONTEXT);

        assertThatExceptionOfType(DemoModeException.class)
                .isThrownBy(() -> service.delete(this.caller, user.id(), null, CONTEXT));
        assertThat(service.update(this.caller, user.id(), null, (current) -> UserDraft.of(current).withActive(false),
                CONTEXT).membership().status()).isEqualTo(MembershipStatus.SUSPENDED);
    }

    @Test
    void anotherOrganizationsUserIsNotFound() {
        ProvisioningService service = service(false);
        DirectoryUser user = service.create(this.caller, draft("iso@example.com", null), CONTEXT);
        Organization other = Fixtures.organization(this.clock);
        this.organizations.insert(other);
        ScimCaller stranger = new ScimCaller(other.id(), UUID.randomUUID());

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> service.get(stranger, user.id()));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> service.update(stranger, user.id(), null,
                (current) -> UserDraft.of(current).withActive(false), CONTEXT));
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> service.delete(stranger, user.id(), null, CONTEXT));
        assertThat(service.get(this.caller, user.id()).active()).isTrue();
        assertThat(this.audit.entries(other.id())).isEmpty();
    }

    private ProvisioningService service(boolean demoMode) {
        return new ProvisioningService(new InMemoryDirectoryRepository(this.memberships, this.users),
                this.memberships, this.users, this.sessions, this.organizations, this.audit,
                new InMemoryTransactionRunner(), this.clock,
                new ProvisioningSettings(Role.READONLY, demoMode, Set.of("mailinator.com")));
    }

    private static UserDraft draft(String email, @Nullable Role role) {
        return new UserDraft(new EmailAddress(email), null, Profile.EMPTY, true, role);
    }

    private void session(UserId userId) {
        this.clock.advance(Duration.ofSeconds(1));
        this.sessions.insert(Session.restore(new SessionId(Ids.next(this.clock)), userId,
                UUID.randomUUID().toString().replace("-", ""), this.clock.instant(),
                this.clock.instant().plus(Duration.ofDays(1)), this.clock.instant(), null, null));
    }

    private List<AuditEntry> entries(String action) {
        return this.audit.entries(this.org.id()).stream().filter((entry) -> entry.action().equals(action)).toList();
    }

    private AuditEntry only(String action) {
        List<AuditEntry> entries = entries(action);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static void assertRefused(Runnable call, ProvisioningError error) {
        assertThatExceptionOfType(ProvisioningException.class).isThrownBy(call::run)
                .satisfies((ex) -> assertThat(ex.error()).isEqualTo(error));
    }
}
