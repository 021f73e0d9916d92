package io.saaskit.boot.web.apikey;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.apikey.ApiKey;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code GET /api-keys}: what is stored about a key, never its secret or hash.
 *
 * @param id the key id
 * @param name the name
 * @param prefix the first 12 characters of the secret
 * @param createdAt when it was created
 * @param lastUsedAt its last recorded use (recorded at most once a minute), or null
 * @param revokedAt when it was revoked, or null
 * @param expiresAt when it expires, or null
 */
public record ApiKeyResponse(String id, String name, String prefix, String createdAt, @Nullable String lastUsedAt,
        @Nullable String revokedAt, @Nullable String expiresAt) {

    /**
     * Builds the entry.
     * @param key the key
     * @return the entry
     */
    public static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(key.id().toString(), key.name(), key.prefix(), JsonTimestamps.format(key.createdAt()),
                JsonTimestamps.formatNullable(key.lastUsedAt().orElse(null)),
                JsonTimestamps.formatNullable(key.revokedAt().orElse(null)),
                JsonTimestamps.formatNullable(key.expiresAt().orElse(null)));
    }
}
