package io.saaskit.core.provisioning.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.saaskit.core.provisioning.ScimToken;
import io.saaskit.core.provisioning.ScimTokenId;
import io.saaskit.core.tenancy.OrgId;

/**
 * Stores an organization's SCIM tokens (their keyed hashes, never the secrets). Tenant-scoped methods take the
 * organization first and never touch another organization's tokens; {@link #findByHash(String)} is the one
 * cross-tenant lookup, since a presented token does not know its organization yet.
 */
public interface ScimTokenRepository {

    /**
     * Stores a new token.
     * @param orgId the organization, equal to the token's
     * @param token the token
     */
    void insert(OrgId orgId, ScimToken token);

    /**
     * Finds a token of the organization.
     * @param orgId the organization
     * @param id the token
     * @return the token, or empty (also for another organization's token)
     */
    Optional<ScimToken> findById(OrgId orgId, ScimTokenId id);

    /**
     * Lists the organization's tokens, newest first, revoked ones included.
     * @param orgId the organization
     * @return the tokens
     */
    List<ScimToken> list(OrgId orgId);

    /**
     * Revokes a token unless it is already revoked.
     * @param orgId the organization
     * @param id the token
     * @param revokedAt the revocation time
     * @return true when this call revoked it
     */
    boolean revoke(OrgId orgId, ScimTokenId id, Instant revokedAt);

    /**
     * Finds a token by the keyed hash of its secret, whatever its organization.
     * @param tokenHash the hash
     * @return the token, or empty
     */
    Optional<ScimToken> findByHash(String tokenHash);

    /**
     * Records a use of the token unless one was recorded since {@code unlessUsedSince}, so uses are written coarsely.
     * @param orgId the organization
     * @param id the token
     * @param usedAt the use time
     * @param unlessUsedSince skip the write when the last use is at or after this
     * @return true when a write was made
     */
    boolean markUsed(OrgId orgId, ScimTokenId id, Instant usedAt, Instant unlessUsedSince);
}
