package io.saaskit.core.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.EmailAlreadyRegisteredException;
import io.saaskit.core.identity.EmailPolicy;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MemberAlreadyExistsException;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.shared.DemoModeException;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.jspecify.annotations.Nullable;

/**
 * Directory provisioning: what an identity provider may do to an organization's members through SCIM.
 *
 * <p>A provisioned user is a membership: {@code active:false} suspends it and revokes all the user's sessions in the
 * same transaction, so their session stops working on the next request; {@code active:true} reactivates it; deletion
 * removes the membership (the account stays) and revokes the sessions. SCIM never grants the owner role and never
 * demotes, suspends or removes an owner, so it can never touch the last owner either. Every change locks the
 * organization row (the lock membership changes take), checks the presented version, and writes its audit rows
 * ({@code scim.user.*}, {@code auth.session.revoked {reason:"scim"}}) in the same transaction, attributed to the
 * SCIM token.
 *
 * <p>A user created by SCIM has no password; the invitation/activation flow that would let them set one is not
 * part of this release, so such a user signs in only once that flow exists (or through a password reset by an
 * operator).
 */
public final class ProvisioningService {

    /** Audit action of a creation. */
    public static final String PROVISIONED_ACTION = "scim.user.provisioned";

    /** Audit action of a change of attributes other than role and status. */
    public static final String UPDATED_ACTION = "scim.user.updated";

    /** Audit action of a role change. */
    public static final String ROLE_UPDATED_ACTION = "scim.user.role.updated";

    /** Audit action of a suspension or deletion. */
    public static final String DEPROVISIONED_ACTION = "scim.user.deprovisioned";

    /** Audit action of a reactivation. */
    public static final String REACTIVATED_ACTION = "scim.user.reactivated";

    /** Audit action of the session revocation that deprovisioning causes. */
    public static final String SESSIONS_REVOKED_ACTION = "auth.session.revoked";

    /** Audit target type of provisioned users. */
    public static final String TARGET_TYPE = "user";

    private static final String NOT_FOUND = "User not found";

    private final DirectoryRepository directory;
    private final MembershipRepository memberships;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final OrganizationRepository organizations;
    private final AuditSink audit;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final ProvisioningSettings settings;
    private final EmailPolicy emailPolicy;

    /**
     * Creates the service.
     * @param directory searches members and stores names
     * @param memberships stores memberships
     * @param users stores users
     * @param sessions revokes sessions of deprovisioned users
     * @param organizations provides the organization row lock
     * @param audit records every change
     * @param transactions makes each change atomic with its audit rows
     * @param clock the time source
     * @param settings default role, demo mode, email rule
     */
    public ProvisioningService(DirectoryRepository directory, MembershipRepository memberships, UserRepository users,
            SessionRepository sessions, OrganizationRepository organizations, AuditSink audit,
            TransactionRunner transactions, Clock clock, ProvisioningSettings settings) {
        this.directory = directory;
        this.memberships = memberships;
        this.users = users;
        this.sessions = sessions;
        this.organizations = organizations;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.emailPolicy = new EmailPolicy(settings.disposableEmailDomains());
    }

    /**
     * Finds one page of the organization's members, active and suspended.
     * @param caller the SCIM client
     * @param query the filter, order and page
     * @return the page
     */
    public DirectoryPage search(ScimCaller caller, UserQuery query) {
        return this.directory.search(caller.orgId(), query);
    }

    /**
     * Finds one member.
     * @param caller the SCIM client
     * @param userId the user
     * @return the member
     * @throws NotFoundException "User not found" when the user is not a member of the organization
     */
    public DirectoryUser get(ScimCaller caller, UserId userId) {
        return this.directory.find(caller.orgId(), userId).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /**
     * Provisions a user: creates the account without a password when the email is unknown, then the membership
     * ({@code active:false} creates it suspended). Records {@code scim.user.provisioned}.
     * @param caller the SCIM client
     * @param draft the requested state
     * @param context the request, for the audit rows
     * @return the new member
     * @throws ProvisioningException {@code uniqueness} when the user is already a member or the external id is
     *         taken; {@code invalidValue} for an unacceptable email
     * @throws ForbiddenException when the owner role is requested
     */
    public DirectoryUser create(ScimCaller caller, UserDraft draft, RequestContext context) {
        OrgId orgId = caller.orgId();
        checkEmail(draft.userName());
        Role role = (draft.role() != null) ? draft.role() : this.settings.defaultRole();
        if (role == Role.OWNER) {
            throw new ForbiddenException("SCIM cannot grant the owner role");
        }
        return this.transactions.inTransaction(() -> {
            lock(orgId);
            String externalId = draft.externalId();
            if (externalId != null && this.directory.findByExternalId(orgId, externalId).isPresent()) {
                throw new ProvisioningException(ProvisioningError.UNIQUENESS, "externalId is already in use");
            }
            Instant now = this.clock.instant();
            User user = this.users.findByEmail(draft.userName()).orElse(null);
            boolean newUser = user == null;
            if (user == null) {
                user = User.create(new UserId(Ids.next(this.clock)), draft.userName(), null, now);
                try {
                    this.users.insert(user);
                }
                catch (EmailAlreadyRegisteredException ex) {
                    // another organization provisioned the same email concurrently
                    throw userNameTaken();
                }
                this.directory.saveProfile(user.id(), draft.profile(), now);
            }
            else if (this.memberships.findByUser(orgId, user.id()).isPresent()) {
                throw alreadyMember();
            }
            Membership membership = Membership.restore(new MembershipId(Ids.next(this.clock)), orgId, user.id(), role,
                    draft.active() ? MembershipStatus.ACTIVE : MembershipStatus.SUSPENDED, externalId, 1, now, now);
            try {
                this.memberships.insert(orgId, membership);
            }
            catch (MemberAlreadyExistsException ex) {
                throw alreadyMember();
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("userName", draft.userName().value());
            metadata.put("role", role.name());
            metadata.put("active", draft.active());
            metadata.put("userCreated", newUser);
            record(caller, PROVISIONED_ACTION, user.id(), metadata, context, now);
            return this.directory.find(orgId, user.id()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        });
    }

    /**
     * Changes a member (PUT and PATCH): the change is computed from the current state inside the transaction, then
     * checked and applied atomically. Records {@code scim.user.updated}, {@code .role.updated},
     * {@code .deprovisioned {mode:"suspended"}} with {@code auth.session.revoked}, or {@code .reactivated}, as the
     * change requires; a change that changes nothing writes nothing and keeps the version.
     * @param caller the SCIM client
     * @param userId the user
     * @param expectedVersion the version the client presented ({@code If-Match}), or {@code null}
     * @param change computes the requested state from the current user (start from {@link UserDraft#of}); may
     *               throw {@link ProvisioningException}
     * @param context the request, for the audit rows
     * @return the member after the change
     * @throws NotFoundException when the user is not a member
     * @throws ProvisioningException {@code versionMismatch}, {@code uniqueness}, {@code mutability},
     *         {@code invalidValue}
     * @throws ForbiddenException when the change grants the owner role or changes or suspends an owner
     */
    public DirectoryUser update(ScimCaller caller, UserId userId, @Nullable Long expectedVersion,
            Function<DirectoryUser, UserDraft> change, RequestContext context) {
        OrgId orgId = caller.orgId();
        return this.transactions.inTransaction(() -> {
            lock(orgId);
            DirectoryUser current = get(caller, userId);
            checkVersion(current, expectedVersion);
            UserDraft desired = Objects.requireNonNull(change.apply(current), "change");
            Membership membership = current.membership();
            Role role = (desired.role() != null) ? desired.role() : this.settings.defaultRole();
            checkOwnerRules(membership, role, desired.active());
            Instant now = this.clock.instant();
            List<String> changed = new ArrayList<>();
            if (!desired.userName().equals(current.userName())) {
                changeUserName(orgId, userId, desired.userName(), now);
                changed.add("userName");
            }
            String externalId = desired.externalId();
            if (!Objects.equals(externalId, membership.externalId().orElse(null))) {
                if (externalId != null && this.directory.findByExternalId(orgId, externalId)
                        .filter((other) -> !other.userId().equals(userId)).isPresent()) {
                    throw new ProvisioningException(ProvisioningError.UNIQUENESS, "externalId is already in use");
                }
                changed.add("externalId");
            }
            if (!desired.profile().equals(current.profile())) {
                this.directory.saveProfile(userId, desired.profile(), now);
                if (!Objects.equals(desired.profile().displayName(), current.profile().displayName())) {
                    changed.add("displayName");
                }
                if (!Objects.equals(desired.profile().givenName(), current.profile().givenName())
                        || !Objects.equals(desired.profile().familyName(), current.profile().familyName())) {
                    changed.add("name");
                }
            }
            MembershipStatus status = desired.active() ? MembershipStatus.ACTIVE : MembershipStatus.SUSPENDED;
            boolean roleChanged = role != membership.role();
            boolean statusChanged = status != membership.status();
            if (changed.isEmpty() && !roleChanged && !statusChanged) {
                return current;
            }
            this.memberships.update(orgId, Membership.restore(membership.id(), orgId, userId, role, status,
                    externalId, membership.version() + 1, membership.createdAt(), now));
            if (!changed.isEmpty()) {
                record(caller, UPDATED_ACTION, userId, Map.of("attributes", changed), context, now);
            }
            if (roleChanged) {
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("role", role.name());
                metadata.put("previousRole", membership.role().name());
                record(caller, ROLE_UPDATED_ACTION, userId, metadata, context, now);
            }
            if (statusChanged && status == MembershipStatus.SUSPENDED) {
                deprovisioned(caller, userId, "suspended", context, now);
            }
            if (statusChanged && status == MembershipStatus.ACTIVE) {
                record(caller, REACTIVATED_ACTION, userId, Map.of(), context, now);
            }
            return get(caller, userId);
        });
    }

    /**
     * Deprovisions a member for good: deletes the membership (the account stays) and revokes all the user's
     * sessions. Records {@code scim.user.deprovisioned {mode:"deleted"}} and {@code auth.session.revoked}.
     * @param caller the SCIM client
     * @param userId the user
     * @param expectedVersion the version the client presented ({@code If-Match}), or {@code null}
     * @param context the request, for the audit rows
     * @throws NotFoundException when the user is not a member
     * @throws ForbiddenException for an owner
     * @throws DemoModeException in demo mode
     */
    public void delete(ScimCaller caller, UserId userId, @Nullable Long expectedVersion, RequestContext context) {
        OrgId orgId = caller.orgId();
        this.transactions.run(() -> {
            lock(orgId);
            DirectoryUser current = get(caller, userId);
            checkVersion(current, expectedVersion);
            if (current.membership().role() == Role.OWNER) {
                throw new ForbiddenException("SCIM cannot remove an owner");
            }
            if (this.settings.demoMode()) {
                throw new DemoModeException();
            }
            Instant now = this.clock.instant();
            this.memberships.delete(orgId, current.membership().id());
            deprovisioned(caller, userId, "deleted", context, now);
        });
    }

    private void deprovisioned(ScimCaller caller, UserId userId, String mode, RequestContext context, Instant now) {
        record(caller, DEPROVISIONED_ACTION, userId, Map.of("mode", mode), context, now);
        int revoked = this.sessions.deleteAllForUser(userId);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("reason", "scim");
        metadata.put("count", revoked);
        record(caller, SESSIONS_REVOKED_ACTION, userId, metadata, context, now);
    }

    private void changeUserName(OrgId orgId, UserId userId, EmailAddress email, Instant now) {
        checkEmail(email);
        if (this.directory.isMemberElsewhere(userId, orgId)) {
            throw new ProvisioningException(ProvisioningError.MUTABILITY,
                    "userName cannot change: the user belongs to another organization");
        }
        if (this.users.findByEmail(email).filter((other) -> !other.id().equals(userId)).isPresent()) {
            throw userNameTaken();
        }
        User user = this.users.findById(userId).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        try {
            this.users.update(User.restore(user.id(), email, user.passwordHash().orElse(null), user.createdAt(), now,
                    user.passwordChangedAt().orElse(null)));
        }
        catch (EmailAlreadyRegisteredException ex) {
            throw userNameTaken();
        }
    }

    private void checkOwnerRules(Membership membership, Role role, boolean active) {
        if (role != membership.role()) {
            if (role == Role.OWNER) {
                throw new ForbiddenException("SCIM cannot grant the owner role");
            }
            if (membership.role() == Role.OWNER) {
                throw new ForbiddenException("SCIM cannot change an owner's role");
            }
        }
        if (membership.role() == Role.OWNER && !active && membership.status() == MembershipStatus.ACTIVE) {
            throw new ForbiddenException("SCIM cannot deactivate an owner");
        }
    }

    private void checkEmail(EmailAddress email) {
        this.emailPolicy.check(email).ifPresent((message) -> {
            throw new ProvisioningException(ProvisioningError.INVALID_VALUE, "userName: " + message);
        });
    }

    private static void checkVersion(DirectoryUser current, @Nullable Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.membership().version()) {
            throw new ProvisioningException(ProvisioningError.VERSION_MISMATCH,
                    "The user changed since version " + expectedVersion);
        }
    }

    private void lock(OrgId orgId) {
        this.organizations.lock(orgId).orElseThrow(() -> new NotFoundException("Organization not found"));
    }

    private void record(ScimCaller caller, String action, UserId userId, Map<String, ?> metadata,
            RequestContext context, Instant now) {
        this.audit.record(caller.orgId(), AuditEntry.of(caller.orgId(), caller.actor(), action, TARGET_TYPE,
                userId.toString(), metadata, context, now));
    }

    private static ProvisioningException userNameTaken() {
        return new ProvisioningException(ProvisioningError.UNIQUENESS, "userName is already in use");
    }

    private static ProvisioningException alreadyMember() {
        return new ProvisioningException(ProvisioningError.UNIQUENESS, "User is already a member");
    }
}
