package io.saaskit.core.provisioning;

import java.util.Objects;

/**
 * A newly created SCIM token with its secret, which exists only here: it is shown to the owner once and never
 * stored.
 *
 * @param token the stored token
 * @param secret the full token; never logged
 */
public record CreatedScimToken(ScimToken token, String secret) {

    public CreatedScimToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "CreatedScimToken[token=" + this.token + ", secret=<redacted>]";
    }
}
