package io.saaskit.core.apikey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * An organization's API key, as stored: its display prefix and the keyed hash of the secret, never the secret.
 *
 * <p>A key authenticates while it is neither revoked nor past its optional expiry. Revocation is final and
 * idempotent: revoking a revoked key keeps the original revocation time.
 */
public final class ApiKey {

    private final ApiKeyId id;
    private final OrgId orgId;
    private final String name;
    private final String prefix;
    private final String keyHash;
    private final String pepperVersion;
    private final UserId createdByUserId;
    private final Instant createdAt;
    private final @Nullable Instant expiresAt;
    private final @Nullable Instant lastUsedAt;
    private final @Nullable Instant revokedAt;

    private ApiKey(ApiKeyId id, OrgId orgId, String name, String prefix, String keyHash, String pepperVersion,
            UserId createdByUserId, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.orgId = Objects.requireNonNull(orgId, "orgId");
        this.name = Objects.requireNonNull(name, "name");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.keyHash = Objects.requireNonNull(keyHash, "keyHash");
        this.pepperVersion = Objects.requireNonNull(pepperVersion, "pepperVersion");
        this.createdByUserId = Objects.requireNonNull(createdByUserId, "createdByUserId");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = expiresAt;
        this.lastUsedAt = lastUsedAt;
        this.revokedAt = revokedAt;
    }

    /**
     * A new, never used key.
     * @param id the id
     * @param orgId the owning organization
     * @param name the validated name
     * @param prefix the first 12 characters of the secret
     * @param keyHash the keyed hash of the secret
     * @param pepperVersion the fingerprint of the pepper that made the hash
     * @param createdByUserId the user who created it
     * @param createdAt the creation time
     * @param expiresAt the expiry, or {@code null} for none
     * @return the key
     */
    public static ApiKey create(ApiKeyId id, OrgId orgId, String name, String prefix, String keyHash,
            String pepperVersion, UserId createdByUserId, Instant createdAt, @Nullable Instant expiresAt) {
        return new ApiKey(id, orgId, name, prefix, keyHash, pepperVersion, createdByUserId, createdAt, expiresAt,
                null, null);
    }

    /**
     * Rebuilds a stored key.
     * @param id the id
     * @param orgId the owning organization
     * @param name the name
     * @param prefix the display prefix
     * @param keyHash the keyed hash
     * @param pepperVersion the fingerprint of the pepper that made the hash
     * @param createdByUserId the creator
     * @param createdAt the creation time
     * @param expiresAt the expiry, or {@code null}
     * @param lastUsedAt the last recorded use, or {@code null}
     * @param revokedAt the revocation time, or {@code null}
     * @return the key
     */
    public static ApiKey restore(ApiKeyId id, OrgId orgId, String name, String prefix, String keyHash,
            String pepperVersion, UserId createdByUserId, Instant createdAt, @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
        return new ApiKey(id, orgId, name, prefix, keyHash, pepperVersion, createdByUserId, createdAt, expiresAt,
                lastUsedAt, revokedAt);
    }

    /**
     * The key revoked at a time; an already revoked key is returned unchanged.
     * @param now the revocation time
     * @return the revoked key
     */
    public ApiKey revoke(Instant now) {
        if (this.revokedAt != null) {
            return this;
        }
        return new ApiKey(this.id, this.orgId, this.name, this.prefix, this.keyHash, this.pepperVersion,
                this.createdByUserId, this.createdAt, this.expiresAt, this.lastUsedAt, now);
    }

    /**
     * The key with its hash replaced by one under another pepper.
     * @param newHash the new keyed hash
     * @param newPepperVersion the fingerprint of the new pepper
     * @return the re-hashed key
     */
    public ApiKey rehashed(String newHash, String newPepperVersion) {
        return new ApiKey(this.id, this.orgId, this.name, this.prefix, newHash, newPepperVersion,
                this.createdByUserId, this.createdAt, this.expiresAt, this.lastUsedAt, this.revokedAt);
    }

    /**
     * The key with a recorded use.
     * @param usedAt the time of use
     * @return the key
     */
    public ApiKey usedAt(Instant usedAt) {
        return new ApiKey(this.id, this.orgId, this.name, this.prefix, this.keyHash, this.pepperVersion,
                this.createdByUserId, this.createdAt, this.expiresAt, usedAt, this.revokedAt);
    }

    /**
     * Whether the key was revoked.
     * @return true when revoked
     */
    public boolean isRevoked() {
        return this.revokedAt != null;
    }

    /**
     * Whether the key's expiry has passed.
     * @param now the current time
     * @return true when expired; a key without expiry never expires
     */
    public boolean isExpired(Instant now) {
        return this.expiresAt != null && !this.expiresAt.isAfter(now);
    }

    public ApiKeyId id() {
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

    public String keyHash() {
        return this.keyHash;
    }

    public String pepperVersion() {
        return this.pepperVersion;
    }

    public UserId createdByUserId() {
        return this.createdByUserId;
    }

    public Instant createdAt() {
        return this.createdAt;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(this.expiresAt);
    }

    public Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(this.lastUsedAt);
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(this.revokedAt);
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + this.id + ", orgId=" + this.orgId + ", prefix=" + this.prefix + ", revoked="
                + isRevoked() + "]";
    }
}
