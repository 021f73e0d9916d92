package io.saaskit.adapters.redis;

import java.time.Clock;
import java.time.Duration;

import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiterContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate-limiter contract against a real Redis.
 *
 * <p>Redis keeps time itself (key expiry), so the contract's clock cannot move it. Instead the whole contract runs
 * {@value #SCALE} times faster: the limiter under test sees every window divided by {@value #SCALE}, its reset times
 * are multiplied back, and {@link #elapse(Duration)} really sleeps the scaled time. The contract's minute becomes six
 * real seconds. Sleeping overshoots a little, hence a reset tolerance of two contract seconds (200 ms real).
 */
class RedisRateLimiterIT extends RateLimiterContractTests {

    private static final long SCALE = 10;

    private static RedisConnections connections;

    @BeforeAll
    static void connect() {
        connections = new RedisConnections(TestRedis.settings());
    }

    @AfterAll
    static void disconnect() {
        connections.close();
    }

    @Override
    protected RateLimiter createRateLimiter(Clock clock) {
        return new Scaled(new RedisRateLimiter(connections, false));
    }

    @Override
    protected void elapse(Duration duration) {
        super.elapse(duration);
        try {
            Thread.sleep(duration.toMillis() / SCALE);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    protected Duration resetTolerance() {
        return Duration.ofSeconds(2);
    }

    @Test
    void theBucketLivesUnderTheKeyPrefixAndExpiresWithItsWindow() {
        RedisRateLimiter limiter = new RedisRateLimiter(connections, false);
        String bucket = uniqueKey();
        RateLimitRule rule = new RateLimitRule("contract_test", 5, Duration.ofSeconds(30));

        limiter.hit(rule, bucket);
        limiter.hit(rule, bucket);

        String key = connections.settings().keyPrefix() + "ratelimit:" + bucket;
        assertThat(connections.commands().sync().get(key)).isEqualTo("2");
        assertThat(connections.commands().sync().pttl(key)).isBetween(29_000L, 30_000L);
    }

    @Test
    void aScriptFlushedFromTheServerIsLoadedAgain() {
        RedisRateLimiter limiter = new RedisRateLimiter(connections, false);
        RateLimitRule rule = new RateLimitRule("contract_test", 5, Duration.ofSeconds(30));
        limiter.hit(rule, uniqueKey());

        connections.commands().sync().scriptFlush();
        RateLimitDecision decision = limiter.hit(rule, uniqueKey());

        assertThat(decision).isEqualTo(new RateLimitDecision.Allowed(rule, 4, Duration.ofSeconds(30)));
    }

    /** Runs the limiter under test {@value #SCALE} times faster than the contract's clock. */
    private record Scaled(RateLimiter limiter) implements RateLimiter {

        @Override
        public RateLimitDecision hit(RateLimitRule rule, String bucketKey) {
            return hit(rule, bucketKey, 1);
        }

        @Override
        public RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits) {
            RateLimitRule fast = new RateLimitRule(rule.scope(), rule.limit(), rule.window().dividedBy(SCALE));
            RateLimitDecision decision = this.limiter.hit(fast, bucketKey, hits);
            Duration resetAfter = decision.resetAfter().multipliedBy(SCALE);
            if (decision instanceof RateLimitDecision.Allowed allowed) {
                return new RateLimitDecision.Allowed(rule, allowed.remaining(), resetAfter);
            }
            return new RateLimitDecision.Limited(rule, resetAfter);
        }
    }
}
