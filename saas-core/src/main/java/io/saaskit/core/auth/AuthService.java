package io.saaskit.core.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.EmailAlreadyRegisteredException;
import io.saaskit.core.identity.EmailPolicy;
import io.saaskit.core.identity.IssuedSession;
import io.saaskit.core.identity.PasswordPolicy;
import io.saaskit.core.identity.SessionId;
import io.saaskit.core.identity.SessionService;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.NewOrganization;
import io.saaskit.core.membership.UserMembership;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.UnauthorizedException;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.OrgNamePolicy;

import org.jspecify.annotations.Nullable;

/**
 * Sign-up, sign-in, sign-out and password changes.
 *
 * <p>Registration creates a user, an organization owned by that user and a session in one transaction. Login
 * answers the same way for an unknown email and a wrong password, after the same hashing work (an unknown email
 * is checked against a dummy hash), and always issues a new token, ending any session the caller presented.
 *
 * <p>Audit rows: {@code auth.register} (in the registration transaction), {@code auth.login.success}, and
 * {@code auth.login.failure} for a wrong password of a user who belongs to an organization (in its own transaction,
 * in the user's earliest organization; nothing is written when no organization can be attributed, such as for an
 * unknown email). {@code auth.logout} goes to the {@code X-Org-Id} organization if the caller is a member there, else
 * to the caller's earliest organization, else nowhere. Logout-all, password changes and single session revocations
 * write {@code auth.session.revoked {reason, count}} and a password change also {@code auth.password.changed}, in the
 * caller's earliest organization. Passwords and tokens are never recorded.
 */
public final class AuthService {

    private static final int MAX_LOGIN_PASSWORD = 128;

    private static final String CURRENT_PASSWORD = "currentPassword";

    private static final String NEW_PASSWORD = "newPassword";

    /** Audit target type of users. */
    private static final String USER_TARGET = "user";

    /** Audit target type of sessions. */
    private static final String SESSION_TARGET = "session";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final MembershipService memberships;
    private final AuditSink audit;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final AuthSettings settings;
    private final EmailPolicy emailPolicy;
    private final PasswordPolicy passwordPolicy = new PasswordPolicy();
    private final OrgNamePolicy orgNamePolicy = new OrgNamePolicy();
    private final String dummyHash;

    public AuthService(UserRepository users, PasswordHasher hasher, SessionService sessions,
            MembershipService memberships, AuditSink audit, TransactionRunner transactions, Clock clock,
            AuthSettings settings) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.memberships = memberships;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.emailPolicy = new EmailPolicy(settings.disposableEmailDomains());
        this.dummyHash = hasher.hash("dummy-password-for-timing-equalisation");
    }

    /**
     * Registers a user with a new organization they own, and signs them in.
     * @param registration the form
     * @param context the request: where it came from, recorded with the session and the audit row
     * @param presentedToken a session token the request carried, ended on success; or {@code null}
     * @return the new user, organization and session
     * @throws ValidationException listing every invalid field
     * @throws EmailAlreadyRegisteredException when the email is taken
     */
    public SignedIn register(Registration registration, RequestContext context, @Nullable String presentedToken) {
        requireLocalProvider();
        List<FieldError> errors = new ArrayList<>();
        Optional<EmailAddress> email = validEmail(registration.email(), errors);
        String password = trimmed(registration.password());
        if (registration.password() == null) {
            errors.add(new FieldError("password", "Password is required"));
        }
        else {
            this.passwordPolicy.check(password).forEach((m) -> errors.add(new FieldError("password", m)));
        }
        String orgName = trimmed(registration.orgName());
        if (registration.orgName() == null) {
            errors.add(new FieldError("orgName", "Organization name is required"));
        }
        else {
            this.orgNamePolicy.check(orgName).ifPresent((m) -> errors.add(new FieldError("orgName", m)));
        }
        if (!errors.isEmpty() || email.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (this.users.findByEmail(email.get()).isPresent()) {
            throw new EmailAlreadyRegisteredException();
        }
        String hash = this.hasher.hash(password);
        SignedIn signedIn = this.transactions.inTransaction(() -> {
            User user = User.create(new UserId(Ids.next(this.clock)), email.get(), hash, this.clock.instant());
            this.users.insert(user);
            NewOrganization founded = this.memberships.foundValidated(user.id(), orgName);
            IssuedSession session = this.sessions.start(user.id(), context.client());
            OrgId orgId = founded.organization().id();
            record(orgId, user.id(), "auth.register", Map.of("email", email.get().value()), context);
            return new SignedIn(user.id(), orgId, session);
        });
        endPresented(presentedToken);
        return signedIn;
    }

    /**
     * Signs a user in to their earliest active organization.
     * @param credentials the form
     * @param context the request: where it came from, recorded with the session and the audit row
     * @param presentedToken a session token the request carried, ended on success; or {@code null}
     * @return the user, organization and new session
     * @throws InvalidCredentialsException for an unknown email or a wrong password alike
     * @throws ForbiddenException "No organization membership found" when the credentials are right but the
     * user belongs nowhere
     */
    public SignedIn login(Credentials credentials, RequestContext context, @Nullable String presentedToken) {
        requireLocalProvider();
        List<FieldError> errors = new ArrayList<>();
        Optional<EmailAddress> email = validEmail(credentials.email(), errors);
        String password = trimmed(credentials.password());
        if (password.isEmpty()) {
            errors.add(new FieldError("password", "Password is required"));
        }
        else if (password.length() > MAX_LOGIN_PASSWORD) {
            errors.add(new FieldError("password", "Password must be 128 characters or fewer"));
        }
        if (!errors.isEmpty() || email.isEmpty()) {
            throw new ValidationException(errors);
        }
        User user = authenticate(email.get(), password, context);
        UserMembership membership = this.memberships.organizationsOf(user.id()).stream().findFirst()
                .orElseThrow(() -> new ForbiddenException("No organization membership found"));
        IssuedSession session = this.transactions.inTransaction(() -> {
            IssuedSession started = this.sessions.start(user.id(), context.client());
            record(membership.orgId(), user.id(), "auth.login.success", Map.of(), context);
            return started;
        });
        endPresented(presentedToken);
        return new SignedIn(user.id(), membership.orgId(), session);
    }

    /**
     * Ends the presented session, if it is valid, and audits {@code auth.logout}; never fails on organization
     * resolution.
     * @param presentedToken the token, or {@code null}
     * @param requestedOrgId the {@code X-Org-Id} header, or {@code null}
     * @param context the request
     */
    public void logout(@Nullable String presentedToken, @Nullable String requestedOrgId, RequestContext context) {
        if (presentedToken == null) {
            return;
        }
        this.transactions.run(() -> this.sessions.end(presentedToken).ifPresent((userId) ->
                attributedOrg(userId, requestedOrgId).ifPresent((orgId) ->
                        record(orgId, userId, "auth.logout", Map.of(), context))));
    }

    /**
     * Ends every session of a user and audits {@code auth.session.revoked} with reason {@code logout_all}.
     * @param userId the user
     * @param context the request
     * @return how many sessions ended
     */
    public int logoutEverywhere(UserId userId, RequestContext context) {
        return this.transactions.inTransaction(() -> {
            int count = this.sessions.endAll(userId);
            recordRevocation(userId, "logout_all", count, null, context);
            return count;
        });
    }

    /**
     * Ends one of the user's own sessions and audits {@code auth.session.revoked} with reason
     * {@code user_revoked}; another user's session is treated as unknown.
     * @param userId the user
     * @param sessionId the session
     * @param context the request
     * @return true when the session existed and belonged to the user
     */
    public boolean revokeSession(UserId userId, SessionId sessionId, RequestContext context) {
        return this.transactions.inTransaction(() -> {
            boolean ended = this.sessions.endOwn(userId, sessionId);
            if (ended) {
                recordRevocation(userId, "user_revoked", 1, sessionId.toString(), context);
            }
            return ended;
        });
    }

    /**
     * Changes the signed-in user's password after checking the current one, then ends every session of the user
     * (the caller's included) and starts one new session for the caller, so a stolen session does not survive the
     * change and the caller's token is rotated.
     * @param userId the signed-in user
     * @param presentedToken the session token the request carried, ended with the others; or {@code null}
     * @param currentPassword the current password as sent, or {@code null}
     * @param newPassword the new password as sent, or {@code null}
     * @param context the request: where it came from, recorded with the new session and the audit rows
     * @return the caller's new session
     * @throws ValidationException listing every problem: a missing or wrong current password (field
     * {@code currentPassword}, "Current password is incorrect") and every password rule the new one fails (field
     * {@code newPassword})
     * @throws UnauthorizedException "Invalid session" when the user no longer exists
     */
    public IssuedSession changePassword(UserId userId, @Nullable String presentedToken,
            @Nullable String currentPassword, @Nullable String newPassword, RequestContext context) {
        User user = this.users.findById(userId).orElseThrow(() -> new UnauthorizedException("Invalid session"));
        List<FieldError> errors = new ArrayList<>();
        String current = trimmed(currentPassword);
        if (current.isEmpty()) {
            errors.add(new FieldError(CURRENT_PASSWORD, "Current password is required"));
        }
        else if (current.length() > MAX_LOGIN_PASSWORD || !matchesStoredHash(user, current)) {
            errors.add(new FieldError(CURRENT_PASSWORD, "Current password is incorrect"));
        }
        String password = trimmed(newPassword);
        if (newPassword == null) {
            errors.add(new FieldError(NEW_PASSWORD, "New password is required"));
        }
        else {
            this.passwordPolicy.check(password).forEach((m) -> errors.add(new FieldError(NEW_PASSWORD, m)));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String hash = this.hasher.hash(password);
        return this.transactions.inTransaction(() -> {
            this.users.update(user.changePassword(hash, this.clock.instant()));
            int count = this.sessions.endAll(userId);
            endPresented(presentedToken);
            attributedOrg(userId, null).ifPresent((orgId) -> {
                record(orgId, userId, "auth.password.changed", Map.of(), context);
                recordRevocation(userId, "password_change", count, null, context);
            });
            return this.sessions.start(userId, context.client());
        });
    }

    /**
     * The user and their organizations.
     * @param userId the signed-in user
     * @return the overview
     * @throws UnauthorizedException "Invalid session" when the user no longer exists
     */
    public AccountOverview overview(UserId userId) {
        User user = this.users.findById(userId).orElseThrow(() -> new UnauthorizedException("Invalid session"));
        return new AccountOverview(user, this.memberships.organizationsOf(userId));
    }

    private User authenticate(EmailAddress email, String password, RequestContext context) {
        Optional<User> found = this.users.findByEmail(email);
        Optional<String> hash = found.flatMap(User::passwordHash);
        boolean matches = this.hasher.matches(password, hash.orElse(this.dummyHash));
        if (found.isEmpty() || hash.isEmpty() || !matches) {
            found.ifPresent((user) -> recordLoginFailure(user.id(), context));
            throw new InvalidCredentialsException();
        }
        User user = found.get();
        if (this.hasher.needsRehash(hash.get())) {
            this.users.update(user.rehashPassword(this.hasher.hash(password), this.clock.instant()));
        }
        return user;
    }

    /**
     * Audits a failed login of a known user in their earliest organization, in its own transaction, so the row stays
     * although the login fails.
     */
    private void recordLoginFailure(UserId userId, RequestContext context) {
        attributedOrg(userId, null).ifPresent((orgId) -> this.transactions.run(() -> record(orgId, userId,
                "auth.login.failure", Map.of("reason", "invalid_credentials"), context)));
    }

    private void recordRevocation(UserId userId, String reason, int count, @Nullable String sessionId,
            RequestContext context) {
        attributedOrg(userId, null).ifPresent((orgId) -> {
            AuditEntry entry = AuditEntry.of(orgId, Actor.user(userId.value()), "auth.session.revoked",
                    (sessionId != null) ? SESSION_TARGET : USER_TARGET,
                    (sessionId != null) ? sessionId : userId.toString(), Map.of("reason", reason, "count", count),
                    context, this.clock.instant());
            this.audit.record(orgId, entry);
        });
    }

    private void record(OrgId orgId, UserId userId, String action, Map<String, ?> metadata,
            RequestContext context) {
        this.audit.record(orgId, AuditEntry.of(orgId, Actor.user(userId.value()), action, USER_TARGET,
                userId.toString(), metadata, context, this.clock.instant()));
    }

    /**
     * The organization an auth event of a user is filed under: the requested one if the user is an active member
     * there, else the user's earliest active organization, else none.
     */
    private Optional<OrgId> attributedOrg(UserId userId, @Nullable String requestedOrgId) {
        List<UserMembership> organizations = this.memberships.organizationsOf(userId);
        if (requestedOrgId != null) {
            Optional<OrgId> requested = OrgId.parse(requestedOrgId.trim())
                    .filter((orgId) -> organizations.stream().anyMatch((m) -> m.orgId().equals(orgId)));
            if (requested.isPresent()) {
                return requested;
            }
        }
        return organizations.stream().findFirst().map(UserMembership::orgId);
    }

    private boolean matchesStoredHash(User user, String password) {
        // A user without a password is checked against the dummy hash, so both refusals cost the same.
        Optional<String> hash = user.passwordHash();
        boolean matches = this.hasher.matches(password, hash.orElse(this.dummyHash));
        return hash.isPresent() && matches;
    }

    private Optional<EmailAddress> validEmail(@Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("email", "Enter a valid email address"));
            return Optional.empty();
        }
        EmailAddress email = new EmailAddress(raw);
        Optional<String> problem = this.emailPolicy.check(email);
        problem.ifPresent((m) -> errors.add(new FieldError("email", m)));
        return problem.isPresent() ? Optional.empty() : Optional.of(email);
    }

    private void requireLocalProvider() {
        if (this.settings.provider() != AuthProvider.LOCAL) {
            throw new BadRequestException(
                    this.settings.provider().name().toUpperCase(Locale.ROOT) + " auth provider is not configured");
        }
    }

    private void endPresented(@Nullable String presentedToken) {
        if (presentedToken != null) {
            this.sessions.end(presentedToken);
        }
    }

    private static String trimmed(@Nullable String value) {
        return (value != null) ? value.trim() : "";
    }
}
