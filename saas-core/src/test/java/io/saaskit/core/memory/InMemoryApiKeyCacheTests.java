package io.saaskit.core.memory;

import java.time.Duration;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyLookup;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ApiKeyFixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryApiKeyCacheTests {

    private final MutableClock clock = new MutableClock();

    private final InMemoryApiKeyCache cache =
            new InMemoryApiKeyCache(this.clock, Duration.ofSeconds(10), Duration.ofSeconds(3));

    private final ApiKey key = ApiKeyFixtures.apiKey(this.clock, new OrgId(Ids.next(this.clock)));

    @Test
    void foundKeysAndUnknownHashesExpireAfterTheirOwnLifetimes() {
        this.cache.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), this.cache.generation());
        this.cache.put("unknown", ApiKeyLookup.UNKNOWN, this.cache.generation());

        this.clock.advanceSeconds(2);
        assertThat(this.cache.get(this.key.keyHash())).contains(new ApiKeyLookup.Found(this.key));
        assertThat(this.cache.get("unknown")).contains(ApiKeyLookup.UNKNOWN);

        this.clock.advanceSeconds(1);
        assertThat(this.cache.get("unknown")).isEmpty();
        assertThat(this.cache.get(this.key.keyHash())).isPresent();

        this.clock.advanceSeconds(7);
        assertThat(this.cache.get(this.key.keyHash())).isEmpty();
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
    void lookupThatRacedWithAnEvictionIsNotCached() {
        long before = this.cache.generation();
        this.cache.evict(this.key.id());

        this.cache.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), before);

        assertThat(this.cache.get(this.key.keyHash())).isEmpty();
    }
}
