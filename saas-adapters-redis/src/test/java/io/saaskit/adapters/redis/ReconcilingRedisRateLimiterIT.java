package io.saaskit.adapters.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitKey;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.ReconcilingRateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API-key limiter as deployed: {@link ReconcilingRateLimiter} over a real Redis, with its sync thread running
 * every 20 ms while many threads hit one key.
 */
class ReconcilingRedisRateLimiterIT {

    private static final RateLimitRule RULE = new RateLimitRule("api_key", 100, Duration.ofSeconds(60));

    private static RedisConnections connections;

    @BeforeAll
    static void connect() {
        connections = new RedisConnections(TestRedis.settings());
    }

    @AfterAll
    static void disconnect() {
        connections.close();
    }

    @Test
    void oneInstanceAdmitsExactlyTheLimitUnderConcurrencyWhileSyncing() throws Exception {
        String key = RateLimitKey.of("api_key", UUID.randomUUID().toString());
        RedisRateLimiter shared = new RedisRateLimiter(connections, false);
        try (ReconcilingRateLimiter limiter = reconciling(shared)) {
            int admitted = hammer(List.of(limiter), key, 8, 60);

            assertThat(admitted).isEqualTo(RULE.limit());
        }
        assertThat(shared.hit(RULE, key)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void twoInstancesStayWithinTheDocumentedBound() throws Exception {
        String key = RateLimitKey.of("api_key", UUID.randomUUID().toString());
        RedisRateLimiter shared = new RedisRateLimiter(connections, false);
        try (ReconcilingRateLimiter first = reconciling(shared);
                ReconcilingRateLimiter second = reconciling(shared)) {
            int admitted = hammer(List.of(first, second), key, 4, 60);

            // each instance admits at most limit - (the count it last read), never more than the limit
            assertThat(admitted).isBetween((int) RULE.limit(), (int) (2 * RULE.limit()));
            Thread.sleep(200);
            assertThat(first.hit(RULE, key)).isInstanceOf(RateLimitDecision.Limited.class);
            assertThat(second.hit(RULE, key)).isInstanceOf(RateLimitDecision.Limited.class);
        }
    }

    private static ReconcilingRateLimiter reconciling(RateLimiter shared) {
        return new ReconcilingRateLimiter(shared, Clock.systemUTC(), Duration.ofMillis(20));
    }

    /** Hits the key from {@code threadsPerInstance} threads per instance; returns how many hits were admitted. */
    private static int hammer(List<? extends RateLimiter> instances, String key, int threadsPerInstance,
            int hitsPerThread) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(instances.size() * threadsPerInstance);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (RateLimiter instance : instances) {
                for (int t = 0; t < threadsPerInstance; t++) {
                    counts.add(executor.submit(() -> {
                        start.await();
                        int admitted = 0;
                        for (int i = 0; i < hitsPerThread; i++) {
                            if (instance.hit(RULE, key) instanceof RateLimitDecision.Allowed) {
                                admitted++;
                            }
                            Thread.sleep(1);
                        }
                        return admitted;
                    }));
                }
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get(60, TimeUnit.SECONDS);
            }
            return total;
        }
        finally {
            executor.shutdownNow();
        }
    }
}
