package io.saaskit.boot.web.scim;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.provisioning.DirectoryPage;
import io.saaskit.core.provisioning.DirectoryUser;
import io.saaskit.core.provisioning.ProvisioningError;
import io.saaskit.core.provisioning.ProvisioningException;
import io.saaskit.core.provisioning.ProvisioningService;
import io.saaskit.core.provisioning.ScimCaller;
import io.saaskit.core.provisioning.UserAttribute;
import io.saaskit.core.provisioning.UserDraft;
import io.saaskit.core.provisioning.UserFilter;
import io.saaskit.core.provisioning.UserFilterParser;
import io.saaskit.core.provisioning.UserQuery;
import io.saaskit.core.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.NoHandlerFoundException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /scim/v2/Users} (auth T): list with filters, sorting and paging; get; create; replace; patch; delete.
 *
 * <p>Responses are {@code application/scim+json}; single resources carry an {@code ETag} ({@code W/"<version>"}),
 * honoured in {@code If-Match} (412 when stale) and {@code If-None-Match} (304 on GET). An id that is not a member
 * of the caller's organization, malformed ids included, is 404. Refusals are SCIM errors with the {@code scimType}
 * of the {@link ProvisioningException}; everything else is rendered by the {@link ScimErrorRenderer}.
 */
@RestController
@RequestMapping(ScimRequestFilter.PREFIX + "/Users")
public class ScimUsersController {

    /** Page size when the request names none. */
    public static final int DEFAULT_COUNT = 100;

    /** Largest page. */
    public static final int MAX_COUNT = 200;

    private static final String NOT_FOUND = "User not found";

    private final ProvisioningService provisioning;

    private final JsonBodyReader bodies;

    private final RequestContexts contexts;

    private final ScimUserResource resources;

    /**
     * Creates the controller.
     * @param provisioning the provisioning service
     * @param bodies reads JSON bodies
     * @param contexts builds the request context of audit rows
     * @param apiBaseUrl the public URL of the API, for {@code meta.location}
     */
    public ScimUsersController(ProvisioningService provisioning, JsonBodyReader bodies, RequestContexts contexts,
            URI apiBaseUrl) {
        this.provisioning = provisioning;
        this.bodies = bodies;
        this.contexts = contexts;
        this.resources = new ScimUserResource(apiBaseUrl);
    }

    /**
     * Lists the organization's users.
     * @param caller the SCIM client
     * @param request the request with {@code filter}, {@code startIndex}, {@code count}, {@code sortBy},
     *                {@code sortOrder}, {@code attributes}, {@code excludedAttributes}
     * @return 200 with a ListResponse
     */
    @GetMapping
    public ResponseEntity<byte[]> list(ScimCaller caller, HttpServletRequest request) {
        String filterText = request.getParameter("filter");
        UserFilter filter = (filterText != null) ? UserFilterParser.parse(filterText) : null;
        int startIndex = Math.max(1, integer(request, "startIndex", 1));
        int count = Math.min(MAX_COUNT, Math.max(0, integer(request, "count", DEFAULT_COUNT)));
        UserAttribute sortBy = sortBy(request.getParameter("sortBy"));
        boolean ascending = ascending(request.getParameter("sortOrder"));
        ScimUserResource.Projection projection = projection(request);
        DirectoryPage page = this.provisioning.search(caller, new UserQuery(filter, sortBy, ascending, startIndex,
                count));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(ScimJson.LIST_SCHEMA));
        body.put("totalResults", page.totalResults());
        body.put("startIndex", startIndex);
        body.put("itemsPerPage", page.users().size());
        body.put("Resources", page.users().stream().map((user) -> this.resources.render(user, projection)).toList());
        return ScimJson.response(HttpStatus.OK, body);
    }

    /**
     * One user.
     * @param caller the SCIM client
     * @param id the user id
     * @param request the request ({@code If-None-Match}, {@code attributes}, {@code excludedAttributes})
     * @return 200 with the user and its ETag, or 304 when {@code If-None-Match} names the current version
     */
    @GetMapping("/{id}")
    public ResponseEntity<byte[]> get(ScimCaller caller, @PathVariable String id, HttpServletRequest request) {
        DirectoryUser user = this.provisioning.get(caller, userId(id));
        if (ScimVersions.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH), user)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(ScimVersions.etag(user)).build();
        }
        return single(HttpStatus.OK, user, projection(request));
    }

    /**
     * Provisions a user.
     * @param caller the SCIM client
     * @param request the request, whose body is a SCIM User
     * @return 201 with the user, its Location and ETag
     */
    @PostMapping
    public ResponseEntity<byte[]> create(ScimCaller caller, HttpServletRequest request) {
        JsonNode body = this.bodies.read(request).requireObject().object();
        DirectoryUser user = this.provisioning.create(caller, ScimUserReader.create(body), this.contexts.of(request));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.LOCATION, this.resources.location(user));
        headers.setETag(ScimVersions.etag(user));
        return ScimJson.response(HttpStatus.CREATED, this.resources.render(user, projection(request)), headers);
    }

    /**
     * Replaces a user's provisionable attributes.
     * @param caller the SCIM client
     * @param id the user id
     * @param request the request, whose body is a SCIM User
     * @return 200 with the user
     */
    @PutMapping("/{id}")
    public ResponseEntity<byte[]> replace(ScimCaller caller, @PathVariable String id, HttpServletRequest request) {
        UserId userId = userId(id);
        Long version = ScimVersions.required(request.getHeader(HttpHeaders.IF_MATCH));
        JsonNode body = this.bodies.read(request).requireObject().object();
        DirectoryUser user = this.provisioning.update(caller, userId, version,
                (current) -> ScimUserReader.replace(body, UserDraft.of(current)),
                this.contexts.of(request));
        return single(HttpStatus.OK, user, projection(request));
    }

    /**
     * Applies a PatchOp atomically.
     * @param caller the SCIM client
     * @param id the user id
     * @param request the request, whose body is a PatchOp message
     * @return 200 with the user
     */
    @PatchMapping("/{id}")
    public ResponseEntity<byte[]> patch(ScimCaller caller, @PathVariable String id, HttpServletRequest request) {
        UserId userId = userId(id);
        Long version = ScimVersions.required(request.getHeader(HttpHeaders.IF_MATCH));
        ScimPatch patch = ScimPatch.read(this.bodies.read(request).requireObject().object());
        DirectoryUser user = this.provisioning.update(caller, userId, version, patch::apply,
                this.contexts.of(request));
        return single(HttpStatus.OK, user, projection(request));
    }

    /**
     * Deprovisions a user: deletes the membership and revokes the user's sessions.
     * @param caller the SCIM client
     * @param id the user id
     * @param request the request ({@code If-Match})
     * @return 204
     */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(ScimCaller caller, @PathVariable String id, HttpServletRequest request) {
        UserId userId = userId(id);
        Long version = ScimVersions.required(request.getHeader(HttpHeaders.IF_MATCH));
        this.provisioning.delete(caller, userId, version, this.contexts.of(request));
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code /Users/.search} (RFC 7644 section 3.4.3) is not supported: for every method it is an unknown route, as
     * {@code /.search} is, never a wrong method on {@code /Users/{id}}.
     * @param request the request
     * @throws NoHandlerFoundException always, answered as 404 "Route ... not found"
     */
    @RequestMapping("/.search")
    public void search(HttpServletRequest request) throws NoHandlerFoundException {
        throw new NoHandlerFoundException(request.getMethod(), request.getRequestURI(), new HttpHeaders());
    }

    /**
     * Answers a provisioning refusal as a SCIM error with its {@code scimType}.
     * @param ex the refusal
     * @return the error response
     */
    @ExceptionHandler(ProvisioningException.class)
    public ResponseEntity<byte[]> refused(ProvisioningException ex) {
        ProvisioningError error = ex.error();
        return ScimJson.response(HttpStatus.valueOf(error.status()),
                ScimJson.error(error.status(), error.scimType(), ex.getMessage()));
    }

    private ResponseEntity<byte[]> single(HttpStatus status, DirectoryUser user,
            ScimUserResource.Projection projection) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(ScimVersions.etag(user));
        return ScimJson.response(status, this.resources.render(user, projection), headers);
    }

    private static UserId userId(String id) {
        return UserId.parse(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private static ScimUserResource.Projection projection(HttpServletRequest request) {
        return ScimUserResource.Projection.of(request.getParameter("attributes"),
                request.getParameter("excludedAttributes"));
    }

    private static int integer(HttpServletRequest request, String name, int absent) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed));
        }
        catch (NumberFormatException ex) {
            throw new ProvisioningException(ProvisioningError.INVALID_VALUE, name + " must be an integer");
        }
    }

    private static @Nullable UserAttribute sortBy(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return UserAttribute.find(value.trim()).filter(UserAttribute::sortable)
                .orElseThrow(() -> new ProvisioningException(ProvisioningError.INVALID_VALUE,
                        "Sorting by '" + value.trim() + "' is not supported"));
    }

    private static boolean ascending(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "ascending" -> true;
            case "descending" -> false;
            default -> throw new ProvisioningException(ProvisioningError.INVALID_VALUE,
                    "sortOrder must be ascending or descending");
        };
    }
}
