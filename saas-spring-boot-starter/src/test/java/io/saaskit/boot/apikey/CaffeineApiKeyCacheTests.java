package io.saaskit.boot.apikey;

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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaffeineApiKeyCacheTests extends ApiKeyCacheContractTests {

    @Override
    protected ApiKeyCache createCache(Clock clock) {
        return new CaffeineApiKeyCache();
    }

    @Test
    void entriesExpireAfterTheirLifetime() throws InterruptedException {
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, new OrgId(Ids.next(this.clock)));
        CaffeineApiKeyCache shortLived = new CaffeineApiKeyCache(Duration.ofMillis(100), Duration.ofMillis(50), 10,
                10);
        shortLived.put(key.keyHash(), new ApiKeyLookup.Found(key), shortLived.generation());
        shortLived.put("0".repeat(64), ApiKeyLookup.UNKNOWN, shortLived.generation());

        Thread.sleep(150);

        assertThat(shortLived.get(key.keyHash())).isEmpty();
        assertThat(shortLived.get("0".repeat(64))).isEmpty();
    }

    @Test
    void foundKeysMayNotOutliveTenSeconds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CaffeineApiKeyCache(Duration.ofSeconds(11),
                Duration.ofSeconds(1), 10, 10));
    }
}
