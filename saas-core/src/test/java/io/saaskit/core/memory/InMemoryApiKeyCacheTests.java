package io.saaskit.core.memory;

import java.time.Clock;
import java.time.Duration;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyLookup;
import io.saaskit.core.apikey.port.ApiKeyCache;
import io.saaskit.core.apikey.port.ApiKeyCacheContractTests;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ApiKeyFixtures;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryApiKeyCacheTests extends ApiKeyCacheContractTests {

    @Override
    protected ApiKeyCache createCache(Clock clock) {
        return new InMemoryApiKeyCache(clock, Duration.ofSeconds(10), Duration.ofSeconds(3));
    }

    @Test
    void foundKeysAndUnknownHashesExpireAfterTheirOwnLifetimes() {
        ApiKeyCache cache = createCache(this.clock);
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, new OrgId(Ids.next(this.clock)));
        cache.put(key.keyHash(), new ApiKeyLookup.Found(key), cache.generation());
        cache.put("unknown", ApiKeyLookup.UNKNOWN, cache.generation());

        this.clock.advanceSeconds(2);
        assertThat(cache.get(key.keyHash())).contains(new ApiKeyLookup.Found(key));
        assertThat(cache.get("unknown")).contains(ApiKeyLookup.UNKNOWN);

        this.clock.advanceSeconds(1);
        assertThat(cache.get("unknown")).isEmpty();
        assertThat(cache.get(key.keyHash())).isPresent();

        this.clock.advanceSeconds(7);
        assertThat(cache.get(key.keyHash())).isEmpty();
    }
}
