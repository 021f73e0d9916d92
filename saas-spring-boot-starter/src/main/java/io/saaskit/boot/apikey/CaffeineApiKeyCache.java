package io.saaskit.boot.apikey;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.ApiKeyLookup;
import io.saaskit.core.apikey.port.ApiKeyCache;

/**
 * {@link ApiKeyCache} on two size-bounded Caffeine caches: found keys (at most 10 seconds, the bound on how long a
 * revocation can go unnoticed when a message is lost) and unknown hashes (a few seconds, so a flood of one garbage
 * key costs one database query, not one per request).
 *
 * <p>The cache is a port implemented here rather than a decorator around the repository: the core decides what is
 * cached and when it is evicted, and stays free of a caching library, while this class adds what Caffeine does well
 * (lock-free reads, size bounds with near-LRU eviction, expiry without a sweeper thread). Lifetimes run on Caffeine's
 * system ticker, not the application clock: they bound real staleness, whatever a test does with time.
 *
 * <p>An eviction bumps a generation counter before removing entries; {@link #put} drops an answer read before the
 * latest eviction, and re-checks after writing, so a lookup racing with a revocation never re-caches the old key.
 */
public final class CaffeineApiKeyCache implements ApiKeyCache {

    /** Longest a found key may be cached. */
    public static final Duration MAX_FOUND_LIFETIME = Duration.ofSeconds(10);

    private final Cache<String, ApiKeyLookup.Found> found;

    private final Cache<String, ApiKeyLookup.Unknown> unknown;

    private final AtomicLong generation = new AtomicLong();

    /**
     * Creates a cache with the default lifetimes (10 s and 5 s) and sizes (10,000 keys, 100,000 unknown hashes).
     */
    public CaffeineApiKeyCache() {
        this(MAX_FOUND_LIFETIME, Duration.ofSeconds(5), 10_000, 100_000);
    }

    /**
     * Creates a cache.
     * @param foundLifetime how long a found key is kept, at most 10 seconds
     * @param unknownLifetime how long an unknown hash is kept
     * @param maxFound how many found keys are kept
     * @param maxUnknown how many unknown hashes are kept
     */
    public CaffeineApiKeyCache(Duration foundLifetime, Duration unknownLifetime, long maxFound, long maxUnknown) {
        Objects.requireNonNull(foundLifetime, "foundLifetime");
        Objects.requireNonNull(unknownLifetime, "unknownLifetime");
        if (foundLifetime.compareTo(MAX_FOUND_LIFETIME) > 0) {
            throw new IllegalArgumentException("Found keys may be cached for at most " + MAX_FOUND_LIFETIME);
        }
        this.found = Caffeine.newBuilder().expireAfterWrite(foundLifetime).maximumSize(maxFound).build();
        this.unknown = Caffeine.newBuilder().expireAfterWrite(unknownLifetime).maximumSize(maxUnknown).build();
    }

    @Override
    public Optional<ApiKeyLookup> get(String keyHash) {
        ApiKeyLookup.Found key = this.found.getIfPresent(keyHash);
        if (key != null) {
            return Optional.of(key);
        }
        return Optional.ofNullable(this.unknown.getIfPresent(keyHash));
    }

    @Override
    public long generation() {
        return this.generation.get();
    }

    @Override
    public void put(String keyHash, ApiKeyLookup lookup, long generation) {
        if (generation != this.generation.get()) {
            return;
        }
        if (lookup instanceof ApiKeyLookup.Found key) {
            this.found.put(keyHash, key);
            if (generation != this.generation.get()) {
                this.found.invalidate(keyHash);
            }
        }
        else if (lookup instanceof ApiKeyLookup.Unknown none) {
            this.unknown.put(keyHash, none);
        }
    }

    @Override
    public void evict(ApiKeyId id) {
        this.generation.incrementAndGet();
        this.found.asMap().values().removeIf((entry) -> entry.key().id().equals(id));
    }

    /**
     * How many entries are cached, for tests and diagnostics; may count expired entries not yet cleaned up.
     * @return found keys plus unknown hashes
     */
    public long estimatedSize() {
        return this.found.estimatedSize() + this.unknown.estimatedSize();
    }
}
