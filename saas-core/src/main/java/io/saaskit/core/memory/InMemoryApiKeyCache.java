package io.saaskit.core.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.ApiKeyLookup;
import io.saaskit.core.apikey.port.ApiKeyCache;

/**
 * An {@link ApiKeyCache} on a plain map with lifetimes measured on the injected clock, for tests (moving the clock
 * expires entries) and for embedding the core without a caching library. It is unbounded: production uses the
 * starter's size-bounded Caffeine cache.
 */
public final class InMemoryApiKeyCache implements ApiKeyCache {

    private final Clock clock;

    private final Duration foundLifetime;

    private final Duration unknownLifetime;

    private final Map<String, Entry> entries = new HashMap<>();

    private long generation;

    /**
     * Creates a cache.
     * @param clock measures the lifetimes
     * @param foundLifetime how long a found key is kept
     * @param unknownLifetime how long an unknown hash is kept
     */
    public InMemoryApiKeyCache(Clock clock, Duration foundLifetime, Duration unknownLifetime) {
        this.clock = clock;
        this.foundLifetime = foundLifetime;
        this.unknownLifetime = unknownLifetime;
    }

    @Override
    public synchronized Optional<ApiKeyLookup> get(String keyHash) {
        Entry entry = this.entries.get(keyHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.expiresAt().isAfter(this.clock.instant())) {
            this.entries.remove(keyHash);
            return Optional.empty();
        }
        return Optional.of(entry.lookup());
    }

    @Override
    public synchronized long generation() {
        return this.generation;
    }

    @Override
    public synchronized void put(String keyHash, ApiKeyLookup lookup, long generation) {
        if (generation != this.generation) {
            return;
        }
        Duration lifetime = (lookup instanceof ApiKeyLookup.Found) ? this.foundLifetime : this.unknownLifetime;
        this.entries.put(keyHash, new Entry(lookup, this.clock.instant().plus(lifetime)));
    }

    @Override
    public synchronized void evict(ApiKeyId id) {
        this.generation++;
        this.entries.values().removeIf((entry) -> entry.lookup() instanceof ApiKeyLookup.Found found
                && found.key().id().equals(id));
    }

    private record Entry(ApiKeyLookup lookup, Instant expiresAt) {
    }
}
