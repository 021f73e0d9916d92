package io.saaskit.core.apikey.port;

import java.time.Clock;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyLookup;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ApiKeyFixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ApiKeyCache} must do: serve found keys and unknown hashes, evict all of one key and nothing
 * else, and never cache an answer read before an eviction. Lifetimes are implementation-specific and tested by
 * each implementation.
 */
public abstract class ApiKeyCacheContractTests {

    /** The clock the key fixtures (and any time-based implementation) use. */
    protected final MutableClock clock = new MutableClock();

    private ApiKeyCache cache;

    private ApiKey key;

    /**
     * A new, empty cache.
     * @param clock the time source, for implementations that take one
     * @return the cache under test
     */
    protected abstract ApiKeyCache createCache(Clock clock);

    @BeforeEach
    void createCacheAndKey() {
        this.cache = createCache(this.clock);
        this.key = ApiKeyFixtures.apiKey(this.clock, new OrgId(Ids.next(this.clock)));
    }

    @Test
    void foundKeysAndUnknownHashesAreServedAndOtherHashesAreNot() {
        this.cache.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), this.cache.generation());
        this.cache.put("f".repeat(64), ApiKeyLookup.UNKNOWN, this.cache.generation());

        assertThat(this.cache.get(this.key.keyHash())).contains(new ApiKeyLookup.Found(this.key));
        assertThat(this.cache.get("f".repeat(64))).contains(ApiKeyLookup.UNKNOWN);
        assertThat(this.cache.get("e".repeat(64))).isEmpty();
    }

    @Test
    void evictionRemovesTheKeyAndKeepsOthers() {
        ApiKey other = ApiKeyFixtures.apiKey(this.clock, this.key.orgId());
        this.cache.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), this.cache.generation());
        this.cache.put(other.keyHash(), new ApiKeyLookup.Found(other), this.cache.generation());

        this.cache.evict(this.key.id());

        assertThat(this.cache.get(this.key.keyHash())).isEmpty();
        assertThat(this.cache.get(other.keyHash())).isPresent();
    }

    @Test
    void anAnswerReadBeforeAnEvictionIsNotCached() {
        long before = this.cache.generation();
        this.cache.evict(this.key.id());

        this.cache.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), before);

        assertThat(this.cache.get(this.key.keyHash())).isEmpty();
    }
}
