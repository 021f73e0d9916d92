package io.saaskit.core.apikey;

import java.util.Objects;

/**
 * A newly created key with its secret, which exists only here: it is shown to the client once and never stored.
 *
 * @param key the stored key
 * @param secret the full key; never logged
 */
public record CreatedApiKey(ApiKey key, String secret) {

    public CreatedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "CreatedApiKey[key=" + this.key + ", secret=<redacted>]";
    }
}
