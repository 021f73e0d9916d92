package io.saaskit.core.apikey.port;

import java.util.Optional;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.ApiKeyLookup;

/**
 * A short-lived, per-instance cache of key lookups by keyed hash, so the API-key hot path rarely reaches the
 * database: found keys for at most 10 seconds, unknown hashes for a few seconds.
 *
 * <p>The cache is a port rather than a repository decorator so that the core decides what is cached and when it is
 * evicted (on revocation here and on revocation messages from other instances) while the core stays free of a
 * caching library; the starter provides a Caffeine implementation.
 *
 * <p>Stale entries must never survive an eviction. A lookup that raced with an eviction would otherwise put the
 * pre-revocation key back: callers therefore take a {@link #generation()} before reading the store, and
 * {@link #put} drops the entry when any eviction happened since.
 */
public interface ApiKeyCache {

    /**
     * The cached answer for a hash.
     * @param keyHash the keyed hash
     * @return the answer, or empty when not cached (or expired)
     */
    Optional<ApiKeyLookup> get(String keyHash);

    /**
     * A stamp to take before reading the store for a {@link #put}.
     * @return the current eviction generation
     */
    long generation();

    /**
     * Caches an answer read from the store, unless an eviction happened since {@code generation}.
     * @param keyHash the keyed hash
     * @param lookup what the store answered
     * @param generation the {@link #generation()} taken before the store was read
     */
    void put(String keyHash, ApiKeyLookup lookup, long generation);

    /**
     * Removes every entry of a key, at once.
     * @param id the key
     */
    void evict(ApiKeyId id);
}
