package io.saaskit.boot.web.org;

import java.util.Objects;

import io.saaskit.boot.web.auth.AuthenticatedSession;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.NewOrganization;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /org}, the organization the request acts on, and {@code POST /org}, which founds a new organization
 * owned by the caller (no {@code X-Org-Id} needed).
 */
@RestController
@RequestMapping("/org")
public class OrgController {

    private final MembershipService memberships;

    private final JsonBodyReader bodies;

    private final RequestContexts contexts;

    /**
     * Creates the controller.
     * @param memberships the membership service
     * @param bodies reads JSON bodies
     */
    public OrgController(MembershipService memberships, JsonBodyReader bodies, ClientInfos clients) {
        this.memberships = memberships;
        this.bodies = bodies;
        this.contexts = new RequestContexts(clients);
    }

    /**
     * The current organization and the caller's role (permission {@code org.read}).
     * @param access the caller's access
     * @return 200 with the organization
     */
    @GetMapping
    public OrgResponse current(OrgAccess access) {
        return OrgResponse.of(this.memberships.organization(access), access.role());
    }

    /**
     * Founds an organization with the caller as its owner.
     * @param session the caller's session
     * @param request the request, whose body is {@code {"name": ...}}
     * @return 201 with the organization and the role OWNER
     */
    @PostMapping
    public ResponseEntity<OrgResponse> create(AuthenticatedSession session, HttpServletRequest request) {
        JsonFields fields = this.bodies.read(request).requireObject();
        String name = fields.string("name");
        if (name == null && !fields.hasError("name")) {
            fields.reject("name", "Organization name is required");
        }
        fields.validate();
        NewOrganization founded;
        try {
            founded = this.memberships.found(session.userId(), Objects.requireNonNull(name),
                    this.contexts.of(request));
        }
        catch (ValidationException ex) {
            throw fields.merge(ex);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(OrgResponse.of(founded.organization(), founded.owner().role()));
    }
}
