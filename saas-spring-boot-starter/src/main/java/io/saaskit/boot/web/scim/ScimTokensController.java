package io.saaskit.boot.web.scim;

import java.util.List;

import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.OkResponse;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.provisioning.ScimTokenId;
import io.saaskit.core.provisioning.ScimTokenService;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization's SCIM tokens (session auth, permission {@code scim.manage}, so owners only): list, create (the
 * token is returned once), revoke. Errors are problem+json like every other session route. Token ids are scoped to
 * the resolved organization: another organization's id and a malformed id are both 404 "SCIM token not found".
 */
@RestController
@RequestMapping("/org/scim-tokens")
public class ScimTokensController {

    private static final String NOT_FOUND = "SCIM token not found";

    private final ScimTokenService tokens;

    private final JsonBodyReader bodies;

    private final RequestContexts contexts;

    /**
     * Creates the controller.
     * @param tokens the SCIM token service
     * @param bodies reads JSON bodies
     * @param contexts builds the request context of audit rows
     */
    public ScimTokensController(ScimTokenService tokens, JsonBodyReader bodies, RequestContexts contexts) {
        this.tokens = tokens;
        this.bodies = bodies;
        this.contexts = contexts;
    }

    /**
     * The organization's tokens, newest first, revoked ones included.
     * @param access the caller's access
     * @return 200 with the tokens
     */
    @GetMapping
    public List<ScimTokenResponse> list(OrgAccess access) {
        return this.tokens.list(access).stream().map(ScimTokenResponse::of).toList();
    }

    /**
     * Creates a token.
     * @param access the caller's access
     * @param request the request, whose body is {@code {"name": ...}}
     * @return 201 with the token, shown once
     */
    @PostMapping
    public ResponseEntity<CreatedScimTokenResponse> create(OrgAccess access, HttpServletRequest request) {
        access.require(Permission.SCIM_MANAGE);
        JsonFields fields = this.bodies.read(request).requireObject();
        String name = fields.string("name");
        fields.validate();
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(CreatedScimTokenResponse.of(
                    this.tokens.create(access, name, this.contexts.of(request))));
        }
        catch (ValidationException ex) {
            throw fields.merge(ex);
        }
    }

    /**
     * Revokes a token; revoking a revoked token changes nothing.
     * @param access the caller's access
     * @param id the token id
     * @param request the request
     * @return 200 {@code {"ok":true}}
     */
    @DeleteMapping("/{id}")
    public OkResponse revoke(OrgAccess access, @PathVariable String id, HttpServletRequest request) {
        access.require(Permission.SCIM_MANAGE);
        ScimTokenId tokenId = ScimTokenId.parse(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        this.tokens.revoke(access, tokenId, this.contexts.of(request));
        return OkResponse.OK;
    }
}
