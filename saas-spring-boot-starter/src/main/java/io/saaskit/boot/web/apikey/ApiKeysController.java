package io.saaskit.boot.web.apikey;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.OkResponse;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.ApiKeyNamePolicy;
import io.saaskit.core.apikey.ApiKeyService;
import io.saaskit.core.apikey.CreatedApiKey;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization's API keys (session auth): list, create (the secret is returned once), revoke.
 *
 * <p>Each route first checks its permission ({@code apiKeys.read}, {@code .create}, {@code .revoke}), so a caller
 * without it gets 403 whatever the body says. Key ids are scoped to the resolved organization: another
 * organization's id and a malformed id are both 404 "API key not found". Revoking a revoked key answers 200 and
 * changes nothing. Creation and the first revocation write audit rows with the request id, client address and user
 * agent.
 */
@RestController
@RequestMapping("/api-keys")
public class ApiKeysController {

    private static final String NOT_FOUND = "API key not found";

    private static final String EXPIRES_AT_FORMAT = "Expiry must be an ISO-8601 timestamp such as "
            + "2027-01-01T00:00:00.000Z";

    private static final ApiKeyNamePolicy NAME_POLICY = new ApiKeyNamePolicy();

    private final ApiKeyService keys;

    private final JsonBodyReader bodies;

    private final RequestContexts contexts;

    /**
     * Creates the controller.
     * @param keys the API key service
     * @param bodies reads JSON bodies
     * @param contexts builds the request context of audit rows
     */
    public ApiKeysController(ApiKeyService keys, JsonBodyReader bodies, RequestContexts contexts) {
        this.keys = keys;
        this.bodies = bodies;
        this.contexts = contexts;
    }

    /**
     * The organization's keys, newest first, revoked ones included (permission {@code apiKeys.read}).
     * @param access the caller's access
     * @return 200 with the keys
     */
    @GetMapping
    public List<ApiKeyResponse> list(OrgAccess access) {
        return this.keys.list(access).stream().map(ApiKeyResponse::of).toList();
    }

    /**
     * Creates a key (permission {@code apiKeys.create}).
     * @param access the caller's access
     * @param request the request, whose body is {@code {"name": ..., "expiresAt": ...}}
     * @return 201 with the key and its secret
     */
    @PostMapping
    public ResponseEntity<CreatedApiKeyResponse> create(OrgAccess access, HttpServletRequest request) {
        access.require(Permission.API_KEYS_CREATE);
        JsonFields fields = this.bodies.read(request).requireObject();
        String name = fields.string("name");
        Instant expiresAt = expiresAt(fields);
        if (!fields.errors().isEmpty()) {
            if (!fields.hasError("name")) {
                NAME_POLICY.check((name != null) ? name.trim() : "").ifPresent((m) -> fields.reject("name", m));
            }
            fields.validate();
        }
        CreatedApiKey created;
        try {
            created = this.keys.create(access, name, expiresAt, this.contexts.of(request));
        }
        catch (ValidationException ex) {
            throw fields.merge(ex);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(CreatedApiKeyResponse.of(created));
    }

    /**
     * Revokes a key (permission {@code apiKeys.revoke}); revoking a revoked key changes nothing.
     * @param access the caller's access
     * @param id the key id
     * @param request the request
     * @return 200 {@code {"ok":true}}
     */
    @DeleteMapping("/{id}")
    public OkResponse revoke(OrgAccess access, @PathVariable String id, HttpServletRequest request) {
        access.require(Permission.API_KEYS_REVOKE);
        ApiKeyId keyId = ApiKeyId.parse(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        this.keys.revoke(access, keyId, this.contexts.of(request));
        return OkResponse.OK;
    }

    private static @Nullable Instant expiresAt(JsonFields fields) {
        String raw = fields.string("expiresAt");
        if (raw == null) {
            return null;
        }
        String text = raw.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeException notATimestamp) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            catch (DateTimeException notADate) {
                fields.reject("expiresAt", EXPIRES_AT_FORMAT);
                return null;
            }
        }
    }
}
