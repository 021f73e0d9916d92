package io.saaskit.boot.web.scim;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.provisioning.ScimToken;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code GET /org/scim-tokens}: what is stored about a token, never its secret or hash.
 *
 * @param id the token id
 * @param name the name
 * @param prefix the first 12 characters of the token
 * @param createdAt when it was created
 * @param lastUsedAt its last recorded use (recorded at most once a minute), or null
 * @param revokedAt when it was revoked, or null
 */
public record ScimTokenResponse(String id, String name, String prefix, String createdAt, @Nullable String lastUsedAt,
        @Nullable String revokedAt) {

    /**
     * Builds the entry.
     * @param token the token
     * @return the entry
     */
    public static ScimTokenResponse of(ScimToken token) {
        return new ScimTokenResponse(token.id().toString(), token.name(), token.prefix(),
                JsonTimestamps.format(token.createdAt()),
                JsonTimestamps.formatNullable(token.lastUsedAt().orElse(null)),
                JsonTimestamps.formatNullable(token.revokedAt().orElse(null)));
    }
}
