package io.saaskit.boot.web.scim;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.provisioning.CreatedScimToken;

/**
 * The answer to {@code POST /org/scim-tokens}: the only time the token itself is shown.
 *
 * @param id the token id
 * @param name the name
 * @param prefix the first 12 characters of the token
 * @param token the token, to configure in the identity provider
 * @param createdAt when it was created
 */
public record CreatedScimTokenResponse(String id, String name, String prefix, String token, String createdAt) {

    /**
     * Builds the answer.
     * @param created the new token and its secret
     * @return the answer
     */
    public static CreatedScimTokenResponse of(CreatedScimToken created) {
        return new CreatedScimTokenResponse(created.token().id().toString(), created.token().name(),
                created.token().prefix(), created.secret(), JsonTimestamps.format(created.token().createdAt()));
    }

    @Override
    public String toString() {
        return "CreatedScimTokenResponse[id=" + this.id + ", prefix=" + this.prefix + ", token=<redacted>]";
    }
}
