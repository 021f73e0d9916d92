package io.saaskit.core.audit;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who performed an audited action.
 *
 * <p>Ids are plain UUIDs rather than the features' typed ids: audit rows outlive the users, keys and tokens they
 * name (there is no foreign key), and the audit feature must not depend on the features that write to it.
 *
 * @param type the kind of principal
 * @param userId the user, for user actions (and the user behind an admin action, if known)
 * @param apiKeyId the API key, for API-key actions
 * @param tokenId the SCIM token, for SCIM actions
 */
public record Actor(ActorType type, @Nullable UUID userId, @Nullable UUID apiKeyId, @Nullable UUID tokenId) {

    /** saaskit itself. */
    public static final Actor SYSTEM = new Actor(ActorType.SYSTEM, null, null, null);

    public Actor {
        Objects.requireNonNull(type, "type");
    }

    /**
     * A signed-in user.
     * @param userId the user
     * @return the actor
     */
    public static Actor user(UUID userId) {
        return new Actor(ActorType.USER, Objects.requireNonNull(userId, "userId"), null, null);
    }

    /**
     * An API key.
     * @param apiKeyId the key
     * @return the actor
     */
    public static Actor apiKey(UUID apiKeyId) {
        return new Actor(ActorType.API_KEY, null, Objects.requireNonNull(apiKeyId, "apiKeyId"), null);
    }

    /**
     * A SCIM client.
     * @param tokenId the SCIM token
     * @return the actor
     */
    public static Actor scim(UUID tokenId) {
        return new Actor(ActorType.SCIM, null, null, Objects.requireNonNull(tokenId, "tokenId"));
    }
}
