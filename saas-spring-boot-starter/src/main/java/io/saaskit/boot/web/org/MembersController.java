package io.saaskit.boot.web.org;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.OkResponse;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.EmailPolicy;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.membership.Role;
import io.saaskit.core.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The members of the current organization: list, add an existing user, change a role, remove.
 *
 * <p>Each mutating route first declares its permission ({@link OrgAccess#require}, decided by the role matrix in
 * the core), so a caller without it gets 403 whatever the body says; the membership service checks it again along
 * with the anti-escalation rules. Membership ids are scoped to the resolved organization: another organization's
 * id and a malformed id are both 404 "Membership not found".
 */
@RestController
@RequestMapping("/org/members")
public class MembersController {

    private static final String ROLE_MESSAGE = "Role must be one of OWNER, ADMIN, MEMBER, BILLING, READONLY";

    private static final EmailPolicy EMAIL_FORMAT = new EmailPolicy(Set.of());

    private final MembershipService memberships;

    private final JsonBodyReader bodies;

    private final RequestContexts contexts;

    /**
     * Creates the controller.
     * @param memberships the membership service
     * @param bodies reads JSON bodies
     */
    public MembersController(MembershipService memberships, JsonBodyReader bodies, ClientInfos clients) {
        this.memberships = memberships;
        this.bodies = bodies;
        this.contexts = new RequestContexts(clients);
    }

    /**
     * The organization's members, oldest first (permission {@code members.read}).
     * @param access the caller's access
     * @return 200 with the members
     */
    @GetMapping
    public List<MemberResponse> list(OrgAccess access) {
        return this.memberships.list(access).stream().map(MemberResponse::of).toList();
    }

    /**
     * Adds an existing user by email (permission {@code members.invite}).
     * @param access the caller's access
     * @param request the request, whose body is {@code {"email": ..., "role": ...}}
     * @return 201 with the new membership
     */
    @PostMapping
    public ResponseEntity<MembershipResponse> add(OrgAccess access, HttpServletRequest request) {
        access.require(Permission.MEMBERS_INVITE);
        JsonFields fields = this.bodies.read(request).requireObject();
        EmailAddress email = email(fields);
        Role role = role(fields);
        fields.validate();
        Membership added = this.memberships.add(access, Objects.requireNonNull(email), Objects.requireNonNull(role),
                this.contexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(MembershipResponse.of(added));
    }

    /**
     * Changes a member's role (permission {@code members.role.update}).
     * @param access the caller's access
     * @param memberId the membership id
     * @param request the request, whose body is {@code {"role": ...}}
     * @return 200 with the membership
     */
    @PatchMapping("/{memberId}")
    public MembershipResponse changeRole(OrgAccess access, @PathVariable String memberId,
            HttpServletRequest request) {
        access.require(Permission.MEMBERS_ROLE_UPDATE);
        JsonFields fields = this.bodies.read(request).requireObject();
        Role role = role(fields);
        fields.validate();
        MembershipId id = membershipId(memberId);
        return MembershipResponse.of(this.memberships.changeRole(access, id, Objects.requireNonNull(role),
                this.contexts.of(request)).membership());
    }

    /**
     * Removes a member (permission {@code members.remove}).
     * @param access the caller's access
     * @param memberId the membership id
     * @param request the request, for the audit row
     * @return 200 {@code {"ok":true}}
     */
    @DeleteMapping("/{memberId}")
    public OkResponse remove(OrgAccess access, @PathVariable String memberId, HttpServletRequest request) {
        access.require(Permission.MEMBERS_REMOVE);
        this.memberships.remove(access, membershipId(memberId), this.contexts.of(request));
        return OkResponse.OK;
    }

    private static MembershipId membershipId(String text) {
        return MembershipId.parse(text).orElseThrow(() -> new NotFoundException("Membership not found"));
    }

    private static @Nullable EmailAddress email(JsonFields fields) {
        String raw = fields.string("email");
        if (fields.hasError("email")) {
            return null;
        }
        if (raw == null || raw.isBlank()) {
            fields.reject("email", "Enter a valid email address");
            return null;
        }
        EmailAddress email = new EmailAddress(raw);
        EMAIL_FORMAT.check(email).ifPresent((message) -> fields.reject("email", message));
        return email;
    }

    private static @Nullable Role role(JsonFields fields) {
        String raw = fields.string("role");
        if (fields.hasError("role")) {
            return null;
        }
        if (raw == null) {
            fields.reject("role", "Role is required");
            return null;
        }
        Role role = Role.parse(raw).orElse(null);
        if (role == null) {
            fields.reject("role", ROLE_MESSAGE);
        }
        return role;
    }
}

