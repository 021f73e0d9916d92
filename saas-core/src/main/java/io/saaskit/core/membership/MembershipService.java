package io.saaskit.core.membership;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.DemoModeException;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.OrgNamePolicy;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.jspecify.annotations.Nullable;

/**
 * Who belongs to which organization, with what role.
 *
 * <p>Resolves a caller's access to an organization, and adds, re-roles and removes members under the
 * anti-escalation rules: only an owner grants the owner role or touches an owner; nobody changes their own role;
 * an organization always keeps at least one active owner. Mutations lock the organization row and then re-read
 * the caller's own membership, so two owners demoting each other concurrently cannot leave it ownerless, and a
 * caller whose role changed while the request waited gets 409 instead of acting with a role they no longer hold.
 * In demo mode, removals and role changes to or from OWNER are refused after the other rules.
 *
 * <p>Founding an organization through {@link #found(UserId, String, RequestContext)} audits {@code org.create};
 * adding, changing and removing members audit {@code org.member.add {email, role}},
 * {@code org.member.update {role, previousRole}} and {@code org.member.remove {userId, role}}, each in the
 * transaction of the change. The overloads without a {@link RequestContext} are for changes made outside a request.
 */
public final class MembershipService {

    private final MembershipRepository memberships;
    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final AuditSink audit;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final MembershipSettings settings;
    private final OrgNamePolicy orgNamePolicy = new OrgNamePolicy();

    /**
     * Creates the service.
     * @param memberships stores memberships
     * @param organizations stores organizations and provides the row lock
     * @param users finds users to add
     * @param audit records every change
     * @param transactions makes each change atomic
     * @param clock the time source
     * @param settings plan of new organizations, demo mode
     */
    public MembershipService(MembershipRepository memberships, OrganizationRepository organizations,
            UserRepository users, AuditSink audit, TransactionRunner transactions, Clock clock,
            MembershipSettings settings) {
        this.memberships = memberships;
        this.organizations = organizations;
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Resolves which organization a request acts on. With an explicit org id the caller needs an active
     * membership there; unknown, malformed and foreign ids are refused alike. Without one, the caller's earliest
     * active membership is used.
     * @param userId the caller
     * @param requestedOrgId the {@code X-Org-Id} header value, or {@code null} when absent or blank
     * @return the caller's access
     * @throws ForbiddenException "Not a member of this organization" or "No organization membership found"
     */
    public OrgAccess resolveAccess(UserId userId, @Nullable String requestedOrgId) {
        if (requestedOrgId != null) {
            Optional<OrgId> orgId = OrgId.parse(requestedOrgId);
            return orgId.flatMap((id) -> this.memberships.findByUser(id, userId))
                    .filter((m) -> m.status() == MembershipStatus.ACTIVE)
                    .map((m) -> new OrgAccess(m.orgId(), userId, m.id(), m.role()))
                    .orElseThrow(() -> new ForbiddenException("Not a member of this organization"));
        }
        UserMembership earliest = this.memberships.listActiveForUser(userId).stream().findFirst()
                .orElseThrow(() -> new ForbiddenException("No organization membership found"));
        Membership membership = this.memberships.findByUser(earliest.orgId(), userId)
                .orElseThrow(() -> new ForbiddenException("No organization membership found"));
        return new OrgAccess(earliest.orgId(), userId, membership.id(), membership.role());
    }

    /**
     * The caller's active memberships, earliest first; the first is the default organization.
     * @param userId the caller
     * @return the memberships
     */
    public List<UserMembership> organizationsOf(UserId userId) {
        return this.memberships.listActiveForUser(userId);
    }

    /**
     * Founds an organization with the user as its owner, in the caller's transaction or a new one.
     * @param userId the founder
     * @param rawName the requested name (trimmed here)
     * @return the organization and the owner membership
     * @throws ValidationException when the name breaks the rule (field {@code name})
     */
    public NewOrganization found(UserId userId, String rawName) {
        return found(userId, rawName, RequestContext.NONE);
    }

    /**
     * Founds an organization with the user as its owner and audits {@code org.create}, in the caller's transaction
     * or a new one.
     * @param userId the founder
     * @param rawName the requested name (trimmed here)
     * @param context the request, for the audit row
     * @return the organization and the owner membership
     * @throws ValidationException when the name breaks the rule (field {@code name})
     */
    public NewOrganization found(UserId userId, String rawName, RequestContext context) {
        String name = rawName.trim();
        this.orgNamePolicy.check(name).ifPresent((message) -> {
            throw new ValidationException("name", message);
        });
        return this.transactions.inTransaction(() -> {
            NewOrganization founded = foundValidated(userId, name);
            OrgId orgId = founded.organization().id();
            this.audit.record(orgId, AuditEntry.of(orgId, Actor.user(userId.value()), "org.create", "organization",
                    orgId.toString(), Map.of("name", name), context, this.clock.instant()));
            return founded;
        });
    }

    /**
     * Founds an organization whose name was already validated (registration validates all fields together).
     * @param userId the founder
     * @param name the trimmed, valid name
     * @return the organization and the owner membership
     */
    public NewOrganization foundValidated(UserId userId, String name) {
        Instant now = this.clock.instant();
        Organization organization = Organization.create(new OrgId(Ids.next(this.clock)), name,
                this.settings.newOrganizations().plan(), this.settings.newOrganizations().planLimit(), now);
        Membership owner = Membership.create(new MembershipId(Ids.next(this.clock)), organization.id(), userId,
                Role.OWNER, now);
        return this.transactions.inTransaction(() -> {
            this.organizations.insert(organization);
            this.memberships.insert(organization.id(), owner);
            return new NewOrganization(organization, owner);
        });
    }

    /**
     * The organization the caller acts on.
     * @param access the caller's access
     * @return the organization
     */
    public Organization organization(OrgAccess access) {
        access.require(Permission.ORG_READ);
        return this.organizations.findById(access.orgId())
                .orElseThrow(() -> new NotFoundException("Organization not found"));
    }

    /**
     * The organization's members, oldest first.
     * @param access the caller's access
     * @return the members
     */
    public List<MemberView> list(OrgAccess access) {
        access.require(Permission.MEMBERS_READ);
        return this.memberships.list(access.orgId());
    }

    /**
     * Adds an existing user to the organization.
     * @param access the caller's access
     * @param email the user's email
     * @param role the role to grant
     * @return the new membership
     * @throws NotFoundException "User not found"
     * @throws MemberAlreadyExistsException when the user is already a member
     */
    public Membership add(OrgAccess access, EmailAddress email, Role role) {
        return add(access, email, role, RequestContext.NONE);
    }

    /**
     * Adds an existing user to the organization and audits {@code org.member.add}.
     * @param access the caller's access
     * @param email the user's email
     * @param role the role to grant
     * @param context the request, for the audit row
     * @return the new membership
     * @throws NotFoundException "User not found"
     * @throws MemberAlreadyExistsException when the user is already a member
     */
    public Membership add(OrgAccess access, EmailAddress email, Role role, RequestContext context) {
        access.require(Permission.MEMBERS_INVITE);
        if (role == Role.OWNER && access.role() != Role.OWNER) {
            throw new ForbiddenException("Only an owner can grant the owner role");
        }
        return this.transactions.inTransaction(() -> {
            lockAndRecheck(access);
            User user = this.users.findByEmail(email).orElseThrow(() -> new NotFoundException("User not found"));
            if (this.memberships.findByUser(access.orgId(), user.id()).isPresent()) {
                throw new MemberAlreadyExistsException();
            }
            Membership membership = Membership.create(new MembershipId(Ids.next(this.clock)), access.orgId(),
                    user.id(), role, this.clock.instant());
            this.memberships.insert(access.orgId(), membership);
            record(access, "org.member.add", membership, Map.of("email", email.value(), "role", role.name()),
                    context);
            return membership;
        });
    }

    /**
     * Changes a member's role.
     * @param access the caller's access
     * @param memberId the membership to change
     * @param newRole the new role
     * @return the changed membership (unchanged when the role is the same)
     * @throws NotFoundException "Membership not found" (also for another organization's id)
     */
    public RoleChange changeRole(OrgAccess access, MembershipId memberId, Role newRole) {
        return changeRole(access, memberId, newRole, RequestContext.NONE);
    }

    /**
     * Changes a member's role and audits {@code org.member.update} when the role actually changes.
     * @param access the caller's access
     * @param memberId the membership to change
     * @param newRole the new role
     * @param context the request, for the audit row
     * @return the changed membership (unchanged when the role is the same)
     * @throws NotFoundException "Membership not found" (also for another organization's id)
     */
    public RoleChange changeRole(OrgAccess access, MembershipId memberId, Role newRole, RequestContext context) {
        access.require(Permission.MEMBERS_ROLE_UPDATE);
        return this.transactions.inTransaction(() -> {
            lockAndRecheck(access);
            Membership target = find(access.orgId(), memberId);
            if (newRole == Role.OWNER && access.role() != Role.OWNER) {
                throw new ForbiddenException("Only an owner can grant the owner role");
            }
            if (target.role() == Role.OWNER && access.role() != Role.OWNER) {
                throw new ForbiddenException("Only an owner can change an owner's role");
            }
            if (target.userId().equals(access.userId())) {
                throw new ForbiddenException("You cannot change your own role");
            }
            if (target.role() == newRole) {
                return new RoleChange(target, target.role());
            }
            if (this.settings.demoMode() && (newRole == Role.OWNER || target.role() == Role.OWNER)) {
                throw new DemoModeException();
            }
            if (target.isActiveOwner() && this.memberships.countActiveOwners(access.orgId()) <= 1) {
                throw lastOwner();
            }
            Membership changed = target.changeRole(newRole, this.clock.instant());
            this.memberships.update(access.orgId(), changed);
            record(access, "org.member.update", changed, Map.of("role", newRole.name(), "previousRole",
                    target.role().name(), "userId", target.userId().toString()), context);
            return new RoleChange(changed, target.role());
        });
    }

    /**
     * Removes a membership; callers may remove themselves unless they are the last owner.
     * @param access the caller's access
     * @param memberId the membership to remove
     * @return the removed membership
     * @throws NotFoundException "Membership not found" (also for another organization's id)
     */
    public Membership remove(OrgAccess access, MembershipId memberId) {
        return remove(access, memberId, RequestContext.NONE);
    }

    /**
     * Removes a membership and audits {@code org.member.remove}; callers may remove themselves unless they are the
     * last owner.
     * @param access the caller's access
     * @param memberId the membership to remove
     * @param context the request, for the audit row
     * @return the removed membership
     * @throws NotFoundException "Membership not found" (also for another organization's id)
     */
    public Membership remove(OrgAccess access, MembershipId memberId, RequestContext context) {
        access.require(Permission.MEMBERS_REMOVE);
        return this.transactions.inTransaction(() -> {
            lockAndRecheck(access);
            Membership target = find(access.orgId(), memberId);
            if (target.role() == Role.OWNER && access.role() != Role.OWNER) {
                throw new ForbiddenException("Only an owner can remove an owner");
            }
            if (this.settings.demoMode()) {
                throw new DemoModeException();
            }
            if (target.isActiveOwner() && this.memberships.countActiveOwners(access.orgId()) <= 1) {
                throw lastOwner();
            }
            this.memberships.delete(access.orgId(), target.id());
            record(access, "org.member.remove", target, Map.of("userId", target.userId().toString(), "role",
                    target.role().name()), context);
            return target;
        });
    }

    /**
     * Locks the organization row, then checks that the caller still holds the role their access was resolved with:
     * a concurrent change committed while this request waited for the lock makes the request a conflict.
     */
    private void lockAndRecheck(OrgAccess access) {
        this.organizations.lock(access.orgId())
                .orElseThrow(() -> new NotFoundException("Organization not found"));
        Membership caller = this.memberships.findById(access.orgId(), access.membershipId())
                .filter((m) -> m.status() == MembershipStatus.ACTIVE)
                .orElseThrow(() -> new ForbiddenException("Not a member of this organization"));
        if (caller.role() != access.role()) {
            throw new ConflictException("Your role changed while the request was in progress; please retry");
        }
    }

    private void record(OrgAccess access, String action, Membership target, Map<String, ?> metadata,
            RequestContext context) {
        this.audit.record(access.orgId(), AuditEntry.of(access.orgId(), Actor.user(access.userId().value()), action,
                "membership", target.id().toString(), metadata, context, this.clock.instant()));
    }

    private Membership find(OrgId orgId, MembershipId memberId) {
        return this.memberships.findById(orgId, memberId)
                .orElseThrow(() -> new NotFoundException("Membership not found"));
    }

    private static ConflictException lastOwner() {
        return new ConflictException("An organization must keep at least one owner");
    }

    /**
     * The result of a role change.
     *
     * @param membership the membership after the change
     * @param previousRole the role before
     */
    public record RoleChange(Membership membership, Role previousRole) {
    }
}
