package io.saaskit.core.provisioning;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * A per-organization SCIM token as stored: its name, display prefix and the keyed hash of its secret.
 */
public final class ScimToken {

    private final ScimTokenId id;
    private final OrgId orgId;
    private final String name;
    private final String prefix;
    private final String tokenHash;
    private final UserId createdByUserId;
    private final Instant createdAt;
    private final @Nullable Instant lastUsedAt;
    private final @Nullable Instant revokedAt;

    private ScimToken(ScimTokenId id, OrgId orgId, String name, String prefix, String tokenHash,
            UserId createdByUserId, Instant createdAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.orgId = Objects.requireNonNull(orgId, "orgId");
        this.name = Objects.requireNonNull(name, "name");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        this.createdByUserId = Objects.requireNonNull(createdByUserId, "createdByUserId");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.lastUsedAt = lastUsedAt;
        this.revokedAt = revokedAt;
    }

    /**
     * A new, unused token.
     * @param id the id
     * @param orgId the organization
     * @param name the name
     * @param prefix the display prefix
     * @param tokenHash the keyed hash of the secret
     * @param createdByUserId the owner who created it
     * @param now the creation time
     * @return the token
     */
    public static ScimToken create(ScimTokenId id, OrgId orgId, String name, String prefix, String tokenHash,
            UserId createdByUserId, Instant now) {
        return new ScimToken(id, orgId, name, prefix, tokenHash, createdByUserId, now, null, null);
    }

    /**
     * Rebuilds a stored token.
     * @param id the id
     * @param orgId the organization
     * @param name the name
     * @param prefix the display prefix
     * @param tokenHash the keyed hash of the secret
     * @param createdByUserId the creator
     * @param createdAt when created
     * @param lastUsedAt when last used (coarsely), or {@code null}
     * @param revokedAt when revoked, or {@code null}
     * @return the token
     */
    public static ScimToken restore(ScimTokenId id, OrgId orgId, String name, String prefix, String tokenHash,
            UserId createdByUserId, Instant createdAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
        return new ScimToken(id, orgId, name, prefix, tokenHash, createdByUserId, createdAt, lastUsedAt, revokedAt);
    }

    /**
     * The same token, revoked.
     * @param now the revocation time
     * @return the revoked token
     */
    public ScimToken revoke(Instant now) {
        return new ScimToken(this.id, this.orgId, this.name, this.prefix, this.tokenHash, this.createdByUserId,
                this.createdAt, this.lastUsedAt, now);
    }

    /**
     * Whether the token was revoked.
     * @return true when revoked
     */
    public boolean isRevoked() {
        return this.revokedAt != null;
    }

    public ScimTokenId id() {
        return this.id;
    }

    public OrgId orgId() {
        return this.orgId;
    }

    public String name() {
        return this.name;
    }

    public String prefix() {
        return this.prefix;
    }

    public String tokenHash() {
        return this.tokenHash;
    }

    public UserId createdByUserId() {
        return this.createdByUserId;
    }

    public Instant createdAt() {
        return this.createdAt;
    }

    public Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(this.lastUsedAt);
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(this.revokedAt);
    }

    @Override
    public String toString() {
        return "ScimToken[id=" + this.id + ", orgId=" + this.orgId + ", prefix=" + this.prefix + "]";
    }
}
