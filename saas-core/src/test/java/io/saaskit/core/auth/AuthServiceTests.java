package io.saaskit.core.auth;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.EmailAlreadyRegisteredException;
import io.saaskit.core.identity.EmailPolicy;
import io.saaskit.core.identity.IssuedSession;
import io.saaskit.core.identity.Session;
import io.saaskit.core.identity.SessionCheck;
import io.saaskit.core.identity.SessionService;
import io.saaskit.core.identity.SessionSettings;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.MembershipSettings;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.UserMembership;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemorySessionRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.UnauthorizedException;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.OrganizationDefaults;
import io.saaskit.core.testing.FastPasswordHasher;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AuthServiceTests {

    private static final String PASSWORD = "Str0ng!Passw0rd";

    private static final String NEW_PASSWORD = "N3w!Passw0rd-2";

    private static final RequestContext CLIENT = new RequestContext("req-auth", new ClientInfo("198.51.100.4", "JUnit"));

    private final MutableClock clock = new MutableClock();

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryMembershipRepository membershipStore =
            new InMemoryMembershipRepository(this.users, this.organizations);

    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();

    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private final SessionService sessions = new SessionService(new InMemorySessionRepository(), this.transactions,
            this.clock, new SessionSettings(Duration.ofDays(7), Duration.ofHours(12), true, 5,
                    "0123456789abcdef-secret"));

    private final MembershipService memberships = new MembershipService(this.membershipStore, this.organizations,
            this.users, this.audit, this.transactions, this.clock, new MembershipSettings(new OrganizationDefaults("free", 1000L), false));

    private final AuthService auth = auth(new FastPasswordHasher(), AuthProvider.LOCAL);

    @Test
    void registrationCreatesUserOrganizationOwnerMembershipAndSession() {
        SignedIn signedIn = this.auth.register(new Registration("new@example.com", PASSWORD, "Acme Inc"), CLIENT,
                null);

        User user = this.users.findById(signedIn.userId()).orElseThrow();
        assertThat(user.email().value()).isEqualTo("new@example.com");
        Organization organization = this.organizations.findById(signedIn.orgId()).orElseThrow();
        assertThat(organization.name()).isEqualTo("Acme Inc");
        assertThat(organization.plan()).isEqualTo("free");
        List<MemberView> members = this.membershipStore.list(signedIn.orgId());
        assertThat(members).singleElement().satisfies((member) -> {
            assertThat(member.membership().userId()).isEqualTo(signedIn.userId());
            assertThat(member.membership().role()).isEqualTo(Role.OWNER);
        });
        assertThat(this.sessions.check(signedIn.session().token())).isInstanceOf(SessionCheck.Active.class);
        assertThat(signedIn.session().session().userId()).isEqualTo(signedIn.userId());
    }

    @Test
    void registrationStoresAHashNotThePassword() {
        SignedIn signedIn = this.auth.register(new Registration("hash@example.com", PASSWORD, "Acme"), CLIENT, null);

        String hash = this.users.findById(signedIn.userId()).orElseThrow().passwordHash().orElseThrow();

        assertThat(hash).startsWith(FastPasswordHasher.PREFIX).doesNotContain(PASSWORD);
    }

    @Test
    void registrationTrimsAndLowercasesTheEmailAndTrimsTheRest() {
        SignedIn signedIn = this.auth.register(
                new Registration("  User@Example.COM ", "  " + PASSWORD + "  ", "  Acme Inc  "), CLIENT, null);

        assertThat(this.users.findById(signedIn.userId()).orElseThrow().email().value())
                .isEqualTo("user@example.com");
        assertThat(this.organizations.findById(signedIn.orgId()).orElseThrow().name()).isEqualTo("Acme Inc");
        SignedIn loggedIn = this.auth.login(new Credentials("user@example.com", PASSWORD), CLIENT, null);
        assertThat(loggedIn.userId()).isEqualTo(signedIn.userId());
    }

    @Test
    void registrationListsEveryInvalidFieldAtOnce() {
        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.register(new Registration("not-an-email", "short", "A!"), CLIENT, null));

        assertThat(failure.errors()).extracting(FieldError::field).contains("email", "password", "orgName");
        assertThat(failure.errors()).contains(
                new FieldError("email", "Enter a valid email address"),
                new FieldError("password", "Password must be at least 10 characters"),
                new FieldError("password", "Password must include at least one uppercase letter"),
                new FieldError("password", "Password must include at least one number"),
                new FieldError("password", "Password must include at least one symbol"));
        assertThat(failure.errors()).filteredOn((e) -> e.field().equals("orgName")).hasSize(1);
        assertThat(failure.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(this.users.findByEmail(new EmailAddress("not-an-email"))).isEmpty();
    }

    @Test
    void registrationWithMissingFieldsReportsEachOne() {
        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.register(new Registration(null, null, null), CLIENT, null));

        assertThat(failure.errors()).containsExactly(
                new FieldError("email", "Enter a valid email address"),
                new FieldError("password", "Password is required"),
                new FieldError("orgName", "Organization name is required"));
    }

    @Test
    void registrationWithADisposableDomainIsRefused() {
        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.register(new Registration("someone@Mailinator.com", PASSWORD, "Acme"), CLIENT, null));

        assertThat(failure.errors()).containsExactly(new FieldError("email", "Use a non-disposable email address"));
    }

    @Test
    void registrationOfATakenEmailIsAConflictOnTheEmailField() {
        this.auth.register(new Registration("taken@example.com", PASSWORD, "First"), CLIENT, null);

        EmailAlreadyRegisteredException failure = catchThrowableOfType(EmailAlreadyRegisteredException.class,
                () -> this.auth.register(new Registration(" TAKEN@example.com", PASSWORD, "Second"), CLIENT, null));

        assertThat(failure.getMessage()).isEqualTo("Email already registered");
        assertThat(failure.code()).isEqualTo("CONFLICT");
        assertThat(failure.errors()).containsExactly(new FieldError("email", "Email already registered"));
    }

    @Test
    void registrationEndsTheSessionTheRequestCarried() {
        SignedIn first = this.auth.register(new Registration("first@example.com", PASSWORD, "First"), CLIENT, null);

        SignedIn second = this.auth.register(new Registration("second@example.com", PASSWORD, "Second"), CLIENT,
                first.session().token());

        assertThat(this.sessions.check(first.session().token())).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(this.sessions.check(second.session().token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void loginSignsInToTheEarliestOrganization() {
        SignedIn registered = register("login@example.com");
        this.clock.advance(Duration.ofMinutes(1));
        this.memberships.found(registered.userId(), "Later Org");

        SignedIn signedIn = this.auth.login(new Credentials(" LOGIN@example.com ", PASSWORD), CLIENT, null);

        assertThat(signedIn.userId()).isEqualTo(registered.userId());
        assertThat(signedIn.orgId()).isEqualTo(registered.orgId());
        assertThat(this.sessions.check(signedIn.session().token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void loginIssuesANewTokenAndEndsThePresentedOne() {
        SignedIn registered = register("rotate@example.com");
        String presented = registered.session().token();

        SignedIn signedIn = this.auth.login(new Credentials("rotate@example.com", PASSWORD), CLIENT, presented);

        assertThat(signedIn.session().token()).isNotEqualTo(presented);
        assertThat(this.sessions.check(presented)).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(this.sessions.check(signedIn.session().token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void failedLoginKeepsThePresentedSession() {
        SignedIn registered = register("keep@example.com");

        assertThatExceptionOfType(InvalidCredentialsException.class).isThrownBy(() -> this.auth.login(
                new Credentials("keep@example.com", "Wr0ng!Password"), CLIENT, registered.session().token()));

        assertThat(this.sessions.check(registered.session().token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void unknownEmailAndWrongPasswordFailAlike() {
        register("known@example.com");

        UnauthorizedException unknown = catchThrowableOfType(UnauthorizedException.class,
                () -> this.auth.login(new Credentials("nobody@example.com", PASSWORD), CLIENT, null));
        UnauthorizedException wrong = catchThrowableOfType(UnauthorizedException.class,
                () -> this.auth.login(new Credentials("known@example.com", "Wr0ng!Password"), CLIENT, null));

        assertThat(unknown).isExactlyInstanceOf(InvalidCredentialsException.class);
        assertThat(wrong).isExactlyInstanceOf(InvalidCredentialsException.class);
        assertThat(unknown.getMessage()).isEqualTo(wrong.getMessage()).isEqualTo("Invalid credentials");
        assertThat(unknown.code()).isEqualTo(wrong.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void unknownEmailIsStillCheckedAgainstAHash() {
        CountingHasher hasher = new CountingHasher();
        AuthService auth = auth(hasher, AuthProvider.LOCAL);

        assertThatExceptionOfType(InvalidCredentialsException.class)
                .isThrownBy(() -> auth.login(new Credentials("ghost@example.com", PASSWORD), CLIENT, null));

        assertThat(hasher.matchCalls).isEqualTo(1);
    }

    @Test
    void userWithoutPasswordCannotLogIn() {
        User user = User.create(new UserId(Ids.next(this.clock)), new EmailAddress("nopass@example.com"), null,
                this.clock.instant());
        this.users.insert(user);
        this.memberships.found(user.id(), "No Pass Org");

        assertThatExceptionOfType(InvalidCredentialsException.class)
                .isThrownBy(() -> this.auth.login(new Credentials("nopass@example.com", PASSWORD), CLIENT, null));
    }

    @Test
    void loginWithoutAnyMembershipIsForbidden() {
        PasswordHasher hasher = new FastPasswordHasher();
        AuthService auth = auth(hasher, AuthProvider.LOCAL);
        this.users.insert(User.create(new UserId(Ids.next(this.clock)), new EmailAddress("lonely@example.com"),
                hasher.hash(PASSWORD), this.clock.instant()));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> auth.login(new Credentials("lonely@example.com", PASSWORD), CLIENT, null))
                .withMessage("No organization membership found");
    }

    @Test
    void loginWithOnlySuspendedMembershipsIsForbidden() {
        SignedIn registered = register("suspended@example.com");
        Membership owner = this.membershipStore.findByUser(registered.orgId(), registered.userId()).orElseThrow();
        this.membershipStore.update(registered.orgId(),
                Fixtures.withStatus(owner, MembershipStatus.SUSPENDED, this.clock));

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.auth.login(new Credentials("suspended@example.com", PASSWORD), CLIENT, null))
                .withMessage("No organization membership found");
    }

    @Test
    void loginValidatesTheFormFirst() {
        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.login(new Credentials("bad", "   "), CLIENT, null));

        assertThat(failure.errors()).containsExactly(
                new FieldError("email", "Enter a valid email address"),
                new FieldError("password", "Password is required"));
    }

    @Test
    void loginRefusesOverlongPasswords() {
        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.login(new Credentials("a@example.com", "x".repeat(129)), CLIENT, null));

        assertThat(failure.errors())
                .containsExactly(new FieldError("password", "Password must be 128 characters or fewer"));
    }

    @Test
    void outdatedHashIsReplacedAfterASuccessfulLogin() {
        SignedIn registered = register("rehash@example.com");
        User before = this.users.findById(registered.userId()).orElseThrow();
        this.clock.advance(Duration.ofMinutes(10));
        FastPasswordHasher upgrading = new FastPasswordHasher(true);

        auth(upgrading, AuthProvider.LOCAL).login(new Credentials("rehash@example.com", PASSWORD), CLIENT, null);

        User after = this.users.findById(registered.userId()).orElseThrow();
        assertThat(after.passwordHash()).isNotEqualTo(before.passwordHash());
        assertThat(upgrading.matches(PASSWORD, after.passwordHash().orElseThrow())).isTrue();
        assertThat(after.passwordChangedAt()).isEqualTo(before.passwordChangedAt());
        assertThat(after.updatedAt()).isEqualTo(this.clock.instant());
    }

    @Test
    void currentHashIsLeftAlone() {
        SignedIn registered = register("current@example.com");
        User before = this.users.findById(registered.userId()).orElseThrow();

        this.auth.login(new Credentials("current@example.com", PASSWORD), CLIENT, null);

        assertThat(this.users.findById(registered.userId()).orElseThrow().passwordHash())
                .isEqualTo(before.passwordHash());
    }

    @Test
    void oidcProviderRefusesLocalAuth() {
        AuthService oidc = auth(new FastPasswordHasher(), AuthProvider.OIDC);

        assertThatExceptionOfType(BadRequestException.class)
                .isThrownBy(() -> oidc.register(new Registration("a@example.com", PASSWORD, "Acme"), CLIENT, null))
                .withMessage("OIDC auth provider is not configured");
        assertThatExceptionOfType(BadRequestException.class)
                .isThrownBy(() -> oidc.login(new Credentials("a@example.com", PASSWORD), CLIENT, null))
                .withMessage("OIDC auth provider is not configured");
    }

    @Test
    void samlProviderRefusesLocalAuthBeforeValidation() {
        AuthService saml = auth(new FastPasswordHasher(), AuthProvider.SAML);

        assertThatExceptionOfType(BadRequestException.class)
                .isThrownBy(() -> saml.register(new Registration(null, null, null), CLIENT, null))
                .withMessage("SAML auth provider is not configured")
                .satisfies((e) -> assertThat(e.code()).isEqualTo("BAD_REQUEST"));
    }

    @Test
    void logoutEndsThePresentedSessionAndToleratesNone() {
        SignedIn registered = register("logout@example.com");

        this.auth.logout(null, null, CLIENT);
        this.auth.logout("garbage", null, CLIENT);
        assertThat(this.sessions.check(registered.session().token())).isInstanceOf(SessionCheck.Active.class);

        this.auth.logout(registered.session().token(), "not-an-org", CLIENT);
        assertThat(this.sessions.check(registered.session().token())).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(actions(registered.orgId())).containsExactly("auth.register", "auth.logout");
    }

    @Test
    void logoutEverywhereEndsEverySessionOfTheUser() {
        SignedIn registered = register("everywhere@example.com");
        SignedIn again = this.auth.login(new Credentials("everywhere@example.com", PASSWORD), CLIENT, null);

        assertThat(this.auth.logoutEverywhere(registered.userId(), CLIENT)).isEqualTo(2);

        assertThat(this.sessions.check(registered.session().token())).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(this.sessions.check(again.session().token())).isInstanceOf(SessionCheck.Rejected.class);
        AuditEntry revoked = this.audit.entries(registered.orgId()).get(2);
        assertThat(revoked.action()).isEqualTo("auth.session.revoked");
        assertThat(revoked.metadata()).containsEntry("reason", "logout_all").containsEntry("count", 2);
    }

    @Test
    void authEventsAreAuditedWithTheRequestButNeverTheSecrets() {
        SignedIn registered = register("audited@example.com");
        assertThatExceptionOfType(InvalidCredentialsException.class).isThrownBy(
                () -> this.auth.login(new Credentials("audited@example.com", "Wr0ng!Password"), CLIENT, null));
        assertThatExceptionOfType(InvalidCredentialsException.class).isThrownBy(
                () -> this.auth.login(new Credentials("unknown-user@example.com", PASSWORD), CLIENT, null));
        SignedIn loggedIn = this.auth.login(new Credentials("audited@example.com", PASSWORD), CLIENT, null);
        this.auth.changePassword(registered.userId(), loggedIn.session().token(), PASSWORD, NEW_PASSWORD, CLIENT);

        List<AuditEntry> rows = this.audit.entries(registered.orgId());
        assertThat(rows).extracting(AuditEntry::action).containsExactly("auth.register", "auth.login.failure",
                "auth.login.success", "auth.password.changed", "auth.session.revoked");
        assertThat(rows).allSatisfy((row) -> {
            assertThat(row.actor().userId()).isEqualTo(registered.userId().value());
            assertThat(row.requestId()).isEqualTo("req-auth");
            assertThat(row.ip()).isEqualTo("198.51.100.4");
            assertThat(row.userAgent()).isEqualTo("JUnit");
            assertThat(row.metadata().toString()).doesNotContain(PASSWORD, NEW_PASSWORD, "Wr0ng!Password",
                    loggedIn.session().token());
        });
        assertThat(rows.get(4).metadata()).containsEntry("reason", "password_change");
    }

    private List<String> actions(OrgId orgId) {
        return this.audit.entries(orgId).stream().map(AuditEntry::action).toList();
    }

    @Test
    void overviewListsTheUsersOrganizationsEarliestFirst() {
        SignedIn registered = register("overview@example.com");
        this.clock.advance(Duration.ofMinutes(1));
        Organization second = this.memberships.found(registered.userId(), "Second Org").organization();

        AccountOverview overview = this.auth.overview(registered.userId());

        assertThat(overview.user().id()).isEqualTo(registered.userId());
        assertThat(overview.defaultOrgId()).contains(registered.orgId());
        assertThat(overview.organizations()).extracting(UserMembership::orgId)
                .containsExactly(registered.orgId(), second.id());
    }

    @Test
    void overviewOfAVanishedUserIsAnInvalidSession() {
        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> this.auth.overview(new UserId(Ids.next(this.clock))))
                .withMessage("Invalid session");
    }

    @Test
    void passwordChangeStoresTheNewPasswordEndsEverySessionAndIssuesOneNewSession() {
        SignedIn registered = register("change@example.com");
        SignedIn elsewhere = this.auth.login(new Credentials("change@example.com", PASSWORD), CLIENT, null);
        SignedIn bystander = register("bystander@example.com");
        User before = this.users.findById(registered.userId()).orElseThrow();
        this.clock.advance(Duration.ofMinutes(5));
        ClientInfo caller = new ClientInfo("192.0.2.9", "Changer");

        IssuedSession issued = this.auth.changePassword(registered.userId(), registered.session().token(), PASSWORD,
                NEW_PASSWORD, new RequestContext(null, caller));

        assertThat(this.sessions.check(registered.session().token())).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(this.sessions.check(elsewhere.session().token())).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(this.sessions.check(issued.token())).isInstanceOf(SessionCheck.Active.class);
        assertThat(this.sessions.check(bystander.session().token())).isInstanceOf(SessionCheck.Active.class);
        assertThat(this.sessions.list(registered.userId())).extracting(Session::id)
                .containsExactly(issued.session().id());
        assertThat(issued.session().userId()).isEqualTo(registered.userId());
        assertThat(issued.session().ip()).contains("192.0.2.9");
        assertThat(issued.session().userAgent()).contains("Changer");
        User after = this.users.findById(registered.userId()).orElseThrow();
        assertThat(after.passwordHash()).isNotEqualTo(before.passwordHash());
        assertThat(after.passwordHash().orElseThrow()).doesNotContain(NEW_PASSWORD);
        assertThat(after.passwordChangedAt()).contains(this.clock.instant());
        assertThat(this.auth.login(new Credentials("change@example.com", NEW_PASSWORD), CLIENT, null).userId())
                .isEqualTo(registered.userId());
        assertThatExceptionOfType(InvalidCredentialsException.class).isThrownBy(
                () -> this.auth.login(new Credentials("change@example.com", PASSWORD), CLIENT, null));
    }

    @Test
    void passwordChangeTrimsBothPasswords() {
        SignedIn registered = register("trim-change@example.com");

        this.auth.changePassword(registered.userId(), null, "  " + PASSWORD + " ", "  " + NEW_PASSWORD + "  ",
                CLIENT);

        assertThat(this.auth.login(new Credentials("trim-change@example.com", NEW_PASSWORD), CLIENT, null))
                .isNotNull();
    }

    @Test
    void wrongCurrentPasswordIsRefusedOnItsFieldAndChangesNothing() {
        SignedIn registered = register("wrong-current@example.com");
        User before = this.users.findById(registered.userId()).orElseThrow();

        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.changePassword(registered.userId(), registered.session().token(), "Wr0ng!Password",
                        NEW_PASSWORD, CLIENT));

        assertThat(failure.errors())
                .containsExactly(new FieldError("currentPassword", "Current password is incorrect"));
        assertUnchanged(registered, before);
    }

    @Test
    void weakNewPasswordListsEveryFailingRuleAndChangesNothing() {
        SignedIn registered = register("weak-new@example.com");
        User before = this.users.findById(registered.userId()).orElseThrow();

        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.changePassword(registered.userId(), null, PASSWORD, "short", CLIENT));

        assertThat(failure.errors()).containsExactly(
                new FieldError("newPassword", "Password must be at least 10 characters"),
                new FieldError("newPassword", "Password must include at least one uppercase letter"),
                new FieldError("newPassword", "Password must include at least one number"),
                new FieldError("newPassword", "Password must include at least one symbol"));
        assertUnchanged(registered, before);
    }

    @Test
    void passwordChangeReportsAWrongCurrentPasswordAndAWeakNewOneTogether() {
        SignedIn registered = register("both-wrong@example.com");

        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.changePassword(registered.userId(), null, "Wr0ng!Password", "x".repeat(129),
                        CLIENT));

        assertThat(failure.errors()).extracting(FieldError::field).containsExactly("currentPassword", "newPassword",
                "newPassword", "newPassword", "newPassword");
        assertThat(failure.errors()).contains(
                new FieldError("currentPassword", "Current password is incorrect"),
                new FieldError("newPassword", "Password must be 128 characters or fewer"));
    }

    @Test
    void passwordChangeWithMissingPasswordsReportsEachField() {
        SignedIn registered = register("missing-change@example.com");
        User before = this.users.findById(registered.userId()).orElseThrow();

        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.changePassword(registered.userId(), null, "   ", null, CLIENT));

        assertThat(failure.errors()).containsExactly(
                new FieldError("currentPassword", "Current password is required"),
                new FieldError("newPassword", "New password is required"));
        assertUnchanged(registered, before);
    }

    @Test
    void overlongCurrentPasswordIsIncorrect() {
        SignedIn registered = register("long-current@example.com");

        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> this.auth.changePassword(registered.userId(), null, PASSWORD + "x".repeat(200), NEW_PASSWORD,
                        CLIENT));

        assertThat(failure.errors())
                .containsExactly(new FieldError("currentPassword", "Current password is incorrect"));
    }

    @Test
    void userWithoutPasswordIsCheckedAgainstTheDummyHashAndRefused() {
        CountingHasher hasher = new CountingHasher();
        AuthService auth = auth(hasher, AuthProvider.LOCAL);
        User user = User.create(new UserId(Ids.next(this.clock)), new EmailAddress("nopass-change@example.com"),
                null, this.clock.instant());
        this.users.insert(user);

        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> auth.changePassword(user.id(), null, PASSWORD, NEW_PASSWORD, CLIENT));

        assertThat(failure.errors())
                .containsExactly(new FieldError("currentPassword", "Current password is incorrect"));
        assertThat(hasher.matchCalls).isEqualTo(1);
        assertThat(this.users.findById(user.id()).orElseThrow().passwordHash()).isEmpty();
    }

    @Test
    void passwordChangeOfAVanishedUserIsAnInvalidSession() {
        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> this.auth.changePassword(new UserId(Ids.next(this.clock)), null, PASSWORD,
                        NEW_PASSWORD, CLIENT))
                .withMessage("Invalid session");
    }

    @Test
    void customDisposableListReplacesTheDefault() {
        AuthService custom = new AuthService(this.users, new FastPasswordHasher(), this.sessions, this.memberships,
                this.audit, this.transactions, this.clock, new AuthSettings(AuthProvider.LOCAL, Set.of("throwaway.test")));

        assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> custom.register(
                new Registration("x@throwaway.test", PASSWORD, "Acme"), CLIENT, null));
        assertThat(custom.register(new Registration("x@mailinator.com", PASSWORD, "Acme"), CLIENT, null))
                .isNotNull();
    }

    private void assertUnchanged(SignedIn registered, User before) {
        assertThat(this.users.findById(registered.userId()).orElseThrow().passwordHash())
                .isEqualTo(before.passwordHash());
        assertThat(this.sessions.check(registered.session().token())).isInstanceOf(SessionCheck.Active.class);
    }

    private SignedIn register(String email) {
        return this.auth.register(new Registration(email, PASSWORD, "Org " + email.substring(0, 3)), CLIENT, null);
    }

    private AuthService auth(PasswordHasher hasher, AuthProvider provider) {
        return new AuthService(this.users, hasher, this.sessions, this.memberships, this.audit, this.transactions,
                this.clock,
                new AuthSettings(provider, EmailPolicy.DEFAULT_DISPOSABLE_DOMAINS));
    }

    /** Counts how often a password is checked. */
    private static final class CountingHasher implements PasswordHasher {

        private final FastPasswordHasher delegate = new FastPasswordHasher();

        private int matchCalls;

        @Override
        public String hash(String password) {
            return this.delegate.hash(password);
        }

        @Override
        public boolean matches(String password, String encodedHash) {
            this.matchCalls++;
            return this.delegate.matches(password, encodedHash);
        }

        @Override
        public boolean needsRehash(String encodedHash) {
            return false;
        }
    }
}
