package io.saaskit.core.apikey;

import java.util.Objects;

/**
 * What a lookup by keyed hash found, as kept by the {@link io.saaskit.core.apikey.port.ApiKeyCache}: the key, or
 * the fact that no key has the hash (a negative entry, so repeated garbage costs no database query).
 */
public sealed interface ApiKeyLookup {

    /** The answer for an unknown hash. */
    Unknown UNKNOWN = new Unknown();

    /**
     * A key has the hash.
     *
     * @param key the key
     */
    record Found(ApiKey key) implements ApiKeyLookup {

        public Found {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * No key has the hash.
     */
    record Unknown() implements ApiKeyLookup {
    }
}
