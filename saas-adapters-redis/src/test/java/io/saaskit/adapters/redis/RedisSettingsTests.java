package io.saaskit.adapters.redis;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisSettingsTests {

    @Test
    void defaultsApplyTheSaaskitPrefixAndAOneSecondCommandTimeout() {
        RedisSettings settings = RedisSettings.of(URI.create("redis://cache.internal"));

        assertThat(settings.keyPrefix()).isEqualTo("saaskit:");
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.endpoint()).isEqualTo("cache.internal:6379");
        assertThat(settings.tls()).isFalse();
    }

    @Test
    void redissMeansTls() {
        assertThat(RedisSettings.of(URI.create("rediss://cache.internal:6380")).tls()).isTrue();
        assertThat(RedisSettings.of(URI.create("REDISS://cache.internal:6380")).tls()).isTrue();
    }

    @Test
    void thePasswordNeverAppearsInTheTextForm() {
        RedisSettings settings = RedisSettings.of(URI.create("rediss://app:hunter2-secret@cache.internal:6380/2"));

        assertThat(settings.toString()).doesNotContain("hunter2-secret").contains("cache.internal:6380");
        assertThat(settings.endpoint()).isEqualTo("cache.internal:6380");
    }

    @Test
    void otherSchemesAreRefusedWithoutEchoingTheUrl() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisSettings.of(URI.create("http://user:hunter2-secret@cache.internal")))
                .withMessageNotContaining("hunter2-secret")
                .withMessageContaining("redis://");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisSettings.of(URI.create("cache.internal:6379")));
    }

    @Test
    void aPrefixWithBracesIsRefusedBecauseItWouldChangeTheHashTags() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedisSettings(URI.create("redis://localhost"), "app{1}:"));
    }

    @Test
    void theCommandTimeoutMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedisSettings(URI.create("redis://localhost"), "saaskit:", Duration.ZERO));
    }
}
