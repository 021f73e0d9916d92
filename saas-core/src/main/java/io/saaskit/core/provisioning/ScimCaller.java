package io.saaskit.core.provisioning;

import java.util.Objects;
import java.util.UUID;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.tenancy.OrgId;

/**
 * An authenticated SCIM client: the organization it provisions and the token it used.
 *
 * @param orgId the organization
 * @param tokenId the per-organization token's id, or {@link #SHARED_TOKEN_ID} for the shared bearer token
 */
public record ScimCaller(OrgId orgId, UUID tokenId) {

    /**
     * The token id audit rows carry for the shared {@code SCIM_BEARER_TOKEN}: the nil UUID, which no stored token
     * can have (token ids are time-ordered UUIDv7).
     */
    public static final UUID SHARED_TOKEN_ID = new UUID(0L, 0L);

    public ScimCaller {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(tokenId, "tokenId");
    }

    /**
     * The audit actor of this caller's actions.
     * @return a SCIM actor naming the token
     */
    public Actor actor() {
        return Actor.scim(this.tokenId);
    }

    /**
     * Whether the caller used the shared bearer token.
     * @return true for the shared token
     */
    public boolean shared() {
        return SHARED_TOKEN_ID.equals(this.tokenId);
    }
}
