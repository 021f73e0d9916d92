package io.saaskit.core.apikey.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.tenancy.OrgId;

/**
 * Stores API keys. Every method but {@link #findByHash(String)} acts within one organization: another
 * organization's key id finds nothing and changes nothing. {@link #findByHash(String)} is a declared cross-tenant
 * system path, because a request presenting a key does not yet know its organization.
 */
public interface ApiKeyRepository {

    /**
     * Stores a new key.
     * @param orgId the organization; must equal {@code key.orgId()}
     * @param key the key
     * @throws IllegalArgumentException when the key belongs to another organization
     */
    void insert(OrgId orgId, ApiKey key);

    /**
     * Finds one of the organization's keys.
     * @param orgId the organization
     * @param id the key id
     * @return the key, or empty when unknown or another organization's
     */
    Optional<ApiKey> findById(OrgId orgId, ApiKeyId id);

    /**
     * Lists the organization's keys, revoked ones included, newest first (by creation time, then id).
     * @param orgId the organization
     * @return the keys
     */
    List<ApiKey> list(OrgId orgId);

    /**
     * Revokes a key unless it is already revoked, so the first revocation time is kept.
     * @param orgId the organization
     * @param id the key id
     * @param revokedAt the revocation time
     * @return true when this call revoked the key; false when it was already revoked, unknown or another's
     */
    boolean revoke(OrgId orgId, ApiKeyId id, Instant revokedAt);

    /**
     * Finds a key by the keyed hash of its secret, in any organization (system path).
     * @param keyHash the hash
     * @return the key, or empty
     */
    Optional<ApiKey> findByHash(String keyHash);

    /**
     * Replaces a key's hash with one under a new pepper, if it still has the old hash.
     * @param orgId the organization
     * @param id the key id
     * @param oldHash the hash the key is expected to have
     * @param newHash the new hash
     * @param pepperVersion the fingerprint of the new pepper
     * @return true when the hash was replaced
     */
    boolean rehash(OrgId orgId, ApiKeyId id, String oldHash, String newHash, String pepperVersion);

    /**
     * Records a use of a key, unless a use at or after {@code unlessUsedSince} is already recorded: the conditional
     * write that keeps last-use tracking to about one write per key per interval, whatever the request rate.
     * @param orgId the organization
     * @param id the key id
     * @param usedAt the time of use
     * @param unlessUsedSince the write is skipped when the recorded last use is at or after this instant
     * @return true when the use was written
     */
    boolean markUsed(OrgId orgId, ApiKeyId id, Instant usedAt, Instant unlessUsedSince);
}
