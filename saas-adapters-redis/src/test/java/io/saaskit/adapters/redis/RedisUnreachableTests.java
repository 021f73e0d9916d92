package io.saaskit.adapters.redis;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.metering.Period;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitKey;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.tenancy.OrgId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every adapter while Redis cannot be reached (a loopback port where nothing listens): the application still
 * starts, rate limits fail open or closed as configured, quotas answer 503, revocations still reach this instance,
 * the probe reports down, and the logs stay short and free of secrets and key material.
 */
class RedisUnreachableTests {

    private static final String PASSWORD = "s3cr3t-redis-password";

    private static final RateLimitRule RULE = new RateLimitRule("auth_login_ip", 3, Duration.ofSeconds(60));

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private final Logger adapterLogger = (Logger) LoggerFactory.getLogger("io.saaskit.adapters.redis");

    private RedisConnections connections;

    @BeforeEach
    void connectToNothing() {
        this.logs.start();
        this.adapterLogger.addAppender(this.logs);
        this.adapterLogger.setLevel(Level.DEBUG);
        URI unreachable = URI.create("redis://:" + PASSWORD + "@127.0.0.1:" + TestRedis.freePort() + "/0");
        this.connections = new RedisConnections(new RedisSettings(unreachable, "saaskit:"));
    }

    @AfterEach
    void close() {
        this.connections.close();
        this.adapterLogger.detachAppender(this.logs);
        this.adapterLogger.setLevel(null);
    }

    @Test
    void startingWithoutRedisDoesNotFailButWarnsOnceWithoutThePassword() {
        assertThat(this.connections.isConnected()).isFalse();
        assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.WARN).singleElement()
                .satisfies((event) -> assertThat(event.getFormattedMessage()).contains("127.0.0.1:")
                        .contains("unreachable"));
        assertThat(this.logs.list).allSatisfy((event) -> assertThat(event.getFormattedMessage())
                .doesNotContain(PASSWORD));
        assertThat(this.connections.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aFailOpenLimiterAdmitsEveryHitAsTheFirstOfAFreshWindow() {
        RedisRateLimiter limiter = new RedisRateLimiter(this.connections, true);
        String bucket = RateLimitKey.of(RULE.scope(), "198.51.100.7");

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.hit(RULE, bucket)).isEqualTo(new RateLimitDecision.Allowed(RULE, 2, RULE.window()));
        }
    }

    @Test
    void aFailClosedLimiterRefusesWithServiceUnavailable() {
        RedisRateLimiter limiter = new RedisRateLimiter(this.connections, false);

        assertThatExceptionOfType(ServiceUnavailableException.class)
                .isThrownBy(() -> limiter.hit(RULE, RateLimitKey.of(RULE.scope(), "198.51.100.7")))
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo("SERVICE_UNAVAILABLE"));
    }

    @Test
    void failuresAreLoggedAsOneErrorWithoutTheBucketKey() {
        RedisRateLimiter limiter = new RedisRateLimiter(this.connections, true);
        String bucket = RateLimitKey.of(RULE.scope(), "user@example.com");

        for (int i = 0; i < 200; i++) {
            limiter.hit(RULE, bucket);
        }

        assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.ERROR).singleElement()
                .satisfies((event) -> assertThat(event.getFormattedMessage())
                        .contains("Redis rate-limit store unavailable").contains("fail open"));
        assertThat(this.logs.list).allSatisfy((event) -> assertThat(event.getFormattedMessage())
                .doesNotContain(bucket.substring(bucket.indexOf(':') + 1)).doesNotContain(PASSWORD));
    }

    @Test
    void theJobQueueAnswersServiceUnavailableForOneJobAndForSeveral() {
        RedisJobQueue queue = new RedisJobQueue(this.connections, Clock.systemUTC(),
                new JobRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        JobRequest job = new JobRequest(JobRequest.MAINTENANCE, "job", "{}");

        assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> queue.enqueue(job));
        assertThatExceptionOfType(ServiceUnavailableException.class)
                .isThrownBy(() -> queue.enqueueAll(List.of(job, job)));
    }

    @Test
    void theQuotaCounterAnswersServiceUnavailable() {
        RedisQuotaCounter counter = new RedisQuotaCounter(this.connections, Clock.systemUTC());
        OrgId org = new OrgId(UUID.randomUUID());
        Period period = Period.calendarMonthOf(Clock.systemUTC().instant());

        assertThatExceptionOfType(ServiceUnavailableException.class)
                .isThrownBy(() -> counter.tryConsume(org, "api_requests", period, 1, 10));
        assertThatExceptionOfType(ServiceUnavailableException.class)
                .isThrownBy(() -> counter.initialize(org, "api_requests", period, 0));
        assertThatExceptionOfType(ServiceUnavailableException.class)
                .isThrownBy(() -> counter.release(org, "api_requests", period, 1));
    }

    @Test
    void aRevocationStillReachesThisInstancesListeners() {
        RedisApiKeyRevocationChannel channel = new RedisApiKeyRevocationChannel(this.connections);
        List<ApiKeyId> heard = new CopyOnWriteArrayList<>();
        channel.subscribe(heard::add);
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        channel.publish(key);

        assertThat(heard).containsExactly(key);
    }

    @Test
    void theProbeReportsDownQuicklyWithoutThrowing() {
        RedisReadinessProbe probe = new RedisReadinessProbe(this.connections);
        long start = System.nanoTime();

        boolean up = probe.isUp(Duration.ofSeconds(2));

        assertThat(up).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(probe.name()).isEqualTo("redis");
    }

    @Test
    void closingTwiceIsHarmless() {
        this.connections.close();
        this.connections.close();

        assertThat(this.connections.isConnected()).isFalse();
    }
}
