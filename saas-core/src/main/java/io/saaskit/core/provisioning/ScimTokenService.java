package io.saaskit.core.provisioning;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.apikey.ApiKeyHasher;
import io.saaskit.core.apikey.ApiKeyNamePolicy;
import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.provisioning.port.ScimTokenRepository;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.ConfiguredSecret;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.UnauthorizedException;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.jspecify.annotations.Nullable;

/**
 * SCIM authentication and the per-organization SCIM tokens that owners manage.
 *
 * <p>A per-organization token ({@code scim_} + 40 base62) is stored only as its HMAC under the API-key pepper, with
 * the same {@link ApiKeyHasher} as API keys (a lookup that misses is retried under the previous pepper while one is
 * configured). It provisions its own organization; naming another one in {@code X-Org-Id} is refused. The shared
 * bearer token ({@code SCIM_BEARER_TOKEN}) is compared in constant time and provisions the organization named by
 * {@code X-Org-Id}; its audit rows name the token id {@link ScimCaller#SHARED_TOKEN_ID}.
 *
 * <p>Creation and the first revocation of a token write {@code scim.token.created} / {@code scim.token.revoked} in the
 * same transaction. Last use is written at most once per {@link #LAST_USE_INTERVAL} per token.
 */
public final class ScimTokenService {

    /** Audit action of a creation. */
    public static final String CREATE_ACTION = "scim.token.created";

    /** Audit action of a revocation. */
    public static final String REVOKE_ACTION = "scim.token.revoked";

    /** Audit target type of tokens. */
    public static final String TARGET_TYPE = "scim_token";

    /** Shortest time between two last-use writes of one token. */
    public static final Duration LAST_USE_INTERVAL = Duration.ofSeconds(60);

    private static final String NOT_FOUND = "SCIM token not found";

    private static final String INVALID = "Invalid SCIM token";

    private final ScimTokenRepository tokens;
    private final OrganizationRepository organizations;
    private final AuditSink audit;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final ApiKeyHasher hasher;
    private final ConfiguredSecret sharedToken;
    private final ApiKeyNamePolicy namePolicy = new ApiKeyNamePolicy();
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the service.
     * @param tokens stores the tokens
     * @param organizations tells known organizations from unknown ones for the shared token
     * @param audit records token creation and revocation
     * @param transactions makes each change atomic with its audit row
     * @param clock the time source
     * @param settings the pepper and the shared token
     */
    public ScimTokenService(ScimTokenRepository tokens, OrganizationRepository organizations, AuditSink audit,
            TransactionRunner transactions, Clock clock, ScimTokenSettings settings) {
        this.tokens = tokens;
        this.organizations = organizations;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.hasher = new ApiKeyHasher(settings.hashing().pepper(), settings.hashing().previousPepper());
        this.sharedToken = ConfiguredSecret.of(settings.sharedToken());
    }

    /**
     * Creates a token and records {@code scim.token.created}.
     * @param access the caller's access (permission {@code scim.manage})
     * @param rawName the name, trimmed here; {@code null} when absent
     * @param context the request, for the audit row
     * @return the token and its secret, shown once
     * @throws ValidationException when the name breaks the API-key name rule (field {@code name})
     */
    public CreatedScimToken create(OrgAccess access, @Nullable String rawName, RequestContext context) {
        access.require(Permission.SCIM_MANAGE);
        String name = (rawName != null) ? rawName.trim() : "";
        this.namePolicy.check(name).ifPresent((message) -> {
            throw new ValidationException("name", message);
        });
        Instant now = this.clock.instant();
        String secret = ScimTokenFormat.generate(this.random);
        ScimToken token = ScimToken.create(new ScimTokenId(Ids.next(this.clock)), access.orgId(), name,
                ScimTokenFormat.displayPrefix(secret), this.hasher.hash(secret), access.userId(), now);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("prefix", token.prefix());
        this.transactions.run(() -> {
            this.tokens.insert(access.orgId(), token);
            this.audit.record(access.orgId(), AuditEntry.of(access.orgId(), Actor.user(access.userId().value()),
                    CREATE_ACTION, TARGET_TYPE, token.id().toString(), metadata, context, now));
        });
        return new CreatedScimToken(token, secret);
    }

    /**
     * The organization's tokens, newest first, revoked ones included.
     * @param access the caller's access (permission {@code scim.manage})
     * @return the tokens
     */
    public List<ScimToken> list(OrgAccess access) {
        access.require(Permission.SCIM_MANAGE);
        return this.tokens.list(access.orgId());
    }

    /**
     * Revokes a token; the first revocation records {@code scim.token.revoked}, a repeated one changes nothing.
     * @param access the caller's access (permission {@code scim.manage})
     * @param id the token
     * @param context the request, for the audit row
     * @return the revoked token
     * @throws NotFoundException "SCIM token not found", also for another organization's token
     */
    public ScimToken revoke(OrgAccess access, ScimTokenId id, RequestContext context) {
        access.require(Permission.SCIM_MANAGE);
        OrgId orgId = access.orgId();
        Instant now = this.clock.instant();
        return this.transactions.inTransaction(() -> {
            ScimToken token = this.tokens.findById(orgId, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
            if (token.isRevoked() || !this.tokens.revoke(orgId, id, now)) {
                return this.tokens.findById(orgId, id).orElse(token);
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", token.name());
            metadata.put("prefix", token.prefix());
            this.audit.record(orgId, AuditEntry.of(orgId, Actor.user(access.userId().value()), REVOKE_ACTION,
                    TARGET_TYPE, id.toString(), metadata, context, now));
            return token.revoke(now);
        });
    }

    /**
     * Authenticates a SCIM request (spec section 9.1).
     * @param bearer the Bearer value of the request, or {@code null} when absent
     * @param requestedOrgId the {@code X-Org-Id} header, or {@code null} when absent
     * @return the caller
     * @throws UnauthorizedException for an invalid or revoked token, a wrong shared token, or a per-organization
     *         token used with another organization's id
     * @throws ForbiddenException "SCIM not configured" when the shared token is unset and no per-organization
     *         token was presented
     * @throws BadRequestException "Missing X-Org-Id header" for the shared token without an organization
     * @throws NotFoundException "Organization not found" for the shared token with an unknown organization
     */
    public ScimCaller authenticate(@Nullable String bearer, @Nullable String requestedOrgId) {
        String orgHeader = (requestedOrgId != null && !requestedOrgId.isBlank()) ? requestedOrgId.trim() : null;
        if (ScimTokenFormat.claims(bearer)) {
            return authenticateOrgToken(bearer, orgHeader);
        }
        if (!this.sharedToken.isConfigured()) {
            throw new ForbiddenException("SCIM not configured");
        }
        if (!this.sharedToken.matches(bearer)) {
            throw new UnauthorizedException(INVALID);
        }
        if (orgHeader == null) {
            throw new BadRequestException("Missing X-Org-Id header");
        }
        OrgId orgId = OrgId.parse(orgHeader).filter((id) -> this.organizations.findById(id).isPresent())
                .orElseThrow(() -> new NotFoundException("Organization not found"));
        return new ScimCaller(orgId, ScimCaller.SHARED_TOKEN_ID);
    }

    private ScimCaller authenticateOrgToken(String presented, @Nullable String orgHeader) {
        if (!ScimTokenFormat.isWellFormed(presented)) {
            throw new UnauthorizedException(INVALID);
        }
        Optional<ScimToken> found = this.tokens.findByHash(this.hasher.hash(presented));
        if (found.isEmpty()) {
            found = this.hasher.previousHash(presented).flatMap(this.tokens::findByHash);
        }
        ScimToken token = found.filter((candidate) -> !candidate.isRevoked())
                .orElseThrow(() -> new UnauthorizedException(INVALID));
        if (orgHeader != null && OrgId.parse(orgHeader).filter(token.orgId()::equals).isEmpty()) {
            throw new UnauthorizedException(INVALID);
        }
        Instant now = this.clock.instant();
        if (token.lastUsedAt().filter((last) -> last.isAfter(now.minus(LAST_USE_INTERVAL))).isEmpty()) {
            this.tokens.markUsed(token.orgId(), token.id(), now, now.minus(LAST_USE_INTERVAL));
        }
        return new ScimCaller(token.orgId(), token.id().value());
    }
}
