package io.saaskit.boot.web.apikey;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.apikey.CreatedApiKey;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api-keys}: the new key with its secret, the only time the secret is ever shown.
 *
 * @param id the key id
 * @param name the name
 * @param prefix the first 12 characters of the secret
 * @param secret the full key
 * @param createdAt when it was created
 * @param expiresAt when it expires, or null
 */
public record CreatedApiKeyResponse(String id, String name, String prefix, String secret, String createdAt,
        @Nullable String expiresAt) {

    /**
     * Builds the body.
     * @param created the new key and its secret
     * @return the body
     */
    public static CreatedApiKeyResponse of(CreatedApiKey created) {
        return new CreatedApiKeyResponse(created.key().id().toString(), created.key().name(), created.key().prefix(),
                created.secret(), JsonTimestamps.format(created.key().createdAt()),
                JsonTimestamps.formatNullable(created.key().expiresAt().orElse(null)));
    }

    @Override
    public String toString() {
        return "CreatedApiKeyResponse[id=" + this.id + ", prefix=" + this.prefix + ", secret=<redacted>]";
    }
}
