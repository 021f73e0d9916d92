package io.saaskit.boot.apikey;

import java.time.Duration;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyLookup;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ApiKeyFixtures;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaffeineApiKeyCacheTests {

    private final MutableClock clock = new MutableClock();

    private final CaffeineApiKeyCache cache = new CaffeineApiKeyCache();

    private final ApiKey key = ApiKeyFixtures.apiKey(this.clock, new OrgId(Ids.next(this.clock)));

    @Test
    void foundKeysAndUnknownHashesAreServedUntilEvicted() {
        this.cache.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), this.cache.generation());
        this.cache.put("f".repeat(64), ApiKeyLookup.UNKNOWN, this.cache.generation());

        assertThat(this.cache.get(this.key.keyHash())).contains(new ApiKeyLookup.Found(this.key));
        assertThat(this.cache.get("f".repeat(64))).contains(ApiKeyLookup.UNKNOWN);
        assertThat(this.cache.get("e".repeat(64))).isEmpty();
    }

    @Test
    void evictionRemovesEveryEntryOfTheKeyOnly() {
        ApiKey other = ApiKeyFixtures.apiKey(this.clock, this.key.orgId());
        this.cache.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), this.cache.generation());
        this.cache.put(other.keyHash(), new ApiKeyLookup.Found(other), this.cache.generation());

        this.cache.evict(this.key.id());

        assertThat(this.cache.get(this.key.keyHash())).isEmpty();
        assertThat(this.cache.get(other.keyHash())).isPresent();
    }

    @Test
    void answerReadBeforeAnEvictionIsNotCached() {
        long before = this.cache.generation();
        this.cache.evict(this.key.id());

        this.cache.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), before);

        assertThat(this.cache.get(this.key.keyHash())).isEmpty();
    }

    @Test
    void entriesExpireAfterTheirLifetime() throws InterruptedException {
        CaffeineApiKeyCache shortLived = new CaffeineApiKeyCache(Duration.ofMillis(100), Duration.ofMillis(50), 10,
                10);
        shortLived.put(this.key.keyHash(), new ApiKeyLookup.Found(this.key), shortLived.generation());
        shortLived.put("0".repeat(64), ApiKeyLookup.UNKNOWN, shortLived.generation());

        Thread.sleep(150);

        assertThat(shortLived.get(this.key.keyHash())).isEmpty();
        assertThat(shortLived.get("0".repeat(64))).isEmpty();
    }

    @Test
    void foundKeysMayNotOutliveTenSeconds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CaffeineApiKeyCache(Duration.ofSeconds(11),
                Duration.ofSeconds(1), 10, 10));
    }
}
