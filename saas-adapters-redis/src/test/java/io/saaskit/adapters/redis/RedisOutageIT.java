package io.saaskit.adapters.redis;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.saaskit.adapters.redis.testing.LocalRedisServer;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.QuotaDecision;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitKey;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Redis stopping and coming back while the adapters run, on a throw-away redis-server: the probe follows the
 * server's state, the limiter fails open meanwhile and counts again afterwards, and pub/sub is re-subscribed, all
 * without creating anything anew. Also Redis that is down when the application starts and comes up later.
 */
class RedisOutageIT {

    private static final Duration RECOVERY = Duration.ofSeconds(10);

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private static final RateLimitRule RULE = new RateLimitRule("auth_login_identifier", 2, Duration.ofSeconds(60));

    private LocalRedisServer server;

    private RedisConnections connectionsA;

    private RedisConnections connectionsB;

    @BeforeEach
    void startServer() {
        this.server = LocalRedisServer.start();
    }

    @AfterEach
    void stopEverything() {
        if (this.connectionsA != null) {
            this.connectionsA.close();
        }
        if (this.connectionsB != null) {
            this.connectionsB.close();
        }
        this.server.close();
    }

    @Test
    void everyAdapterRecoversWhenRedisComesBack() throws InterruptedException {
        this.connectionsA = new RedisConnections(RedisSettings.of(this.server.url()));
        this.connectionsB = new RedisConnections(RedisSettings.of(this.server.url()));
        RedisReadinessProbe probe = new RedisReadinessProbe(this.connectionsA);
        RedisRateLimiter limiter = new RedisRateLimiter(this.connectionsA, true);
        RedisQuotaCounter counter = new RedisQuotaCounter(this.connectionsA, new MutableClock());
        RedisApiKeyRevocationChannel publisher = new RedisApiKeyRevocationChannel(this.connectionsA);
        RedisApiKeyRevocationChannel listener = new RedisApiKeyRevocationChannel(this.connectionsB);
        BlockingQueue<ApiKeyId> heard = new LinkedBlockingQueue<>();
        listener.subscribe(heard::add);
        String bucket = RateLimitKey.of(RULE.scope(), "someone@example.com");
        OrgId org = new OrgId(UUID.randomUUID());
        Period period = Period.calendarMonthOf(new MutableClock().instant());
        assertThat(probe.isUp(PROBE_TIMEOUT)).isTrue();
        limiter.hit(RULE, bucket);
        limiter.hit(RULE, bucket);
        assertThat(limiter.hit(RULE, bucket)).isInstanceOf(RateLimitDecision.Limited.class);

        this.server.stop();

        assertThat(probe.isUp(PROBE_TIMEOUT)).isFalse();
        assertThat(limiter.hit(RULE, bucket)).as("fails open")
                .isEqualTo(new RateLimitDecision.Allowed(RULE, 1, RULE.window()));
        assertThatExceptionOfType(ServiceUnavailableException.class)
                .isThrownBy(() -> counter.tryConsume(org, "api_requests", period, 1, 10));

        this.server.resume();

        waitUntil(() -> probe.isUp(PROBE_TIMEOUT));
        assertThat(limiter.hit(RULE, bucket)).as("the restarted server lost the old window")
                .isEqualTo(new RateLimitDecision.Allowed(RULE, 1, RULE.window()));
        assertThat(limiter.hit(RULE, bucket)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(limiter.hit(RULE, bucket)).isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(counter.tryConsume(org, "api_requests", period, 1, 10))
                .isEqualTo(new QuotaDecision.Uninitialized());
        assertThat(heardAfterPublishing(publisher, heard)).as("re-subscribed after the restart").isTrue();
    }

    @Test
    void redisThatIsDownAtStartupIsUsedOnceItComesUp() throws InterruptedException {
        this.server.stop();
        this.connectionsA = new RedisConnections(RedisSettings.of(this.server.url()));
        this.connectionsB = new RedisConnections(RedisSettings.of(this.server.url()));
        RedisReadinessProbe probe = new RedisReadinessProbe(this.connectionsB);
        RedisApiKeyRevocationChannel publisher = new RedisApiKeyRevocationChannel(this.connectionsA);
        RedisApiKeyRevocationChannel listener = new RedisApiKeyRevocationChannel(this.connectionsB);
        BlockingQueue<ApiKeyId> heard = new LinkedBlockingQueue<>();
        listener.subscribe(heard::add);
        assertThat(probe.isUp(PROBE_TIMEOUT)).isFalse();

        this.server.resume();

        waitUntil(() -> this.connectionsA.isConnected() && this.connectionsB.isConnected());
        assertThat(probe.isUp(PROBE_TIMEOUT)).isTrue();
        assertThat(heardAfterPublishing(publisher, heard)).as("subscribed once connected").isTrue();
    }

    @Test
    void closingReleasesTheConnectionsSoTheServerSeesNoClientLeft() throws InterruptedException {
        RedisConnections connections = new RedisConnections(RedisSettings.of(this.server.url()));
        new RedisApiKeyRevocationChannel(connections);
        RedisClient admin = TestRedis.client(this.server.url());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            assertThat(clients(connection)).isEqualTo(2);

            connections.close();

            waitUntil(() -> clients(connection) == 0);
        }
        finally {
            admin.shutdown();
        }
    }

    private static long clients(StatefulRedisConnection<String, String> admin) {
        return admin.sync().clientList().lines().filter((line) -> line.contains(" name=saaskit ")).count();
    }

    private static boolean heardAfterPublishing(RedisApiKeyRevocationChannel publisher,
            BlockingQueue<ApiKeyId> heard) throws InterruptedException {
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            publisher.publish(key);
            if (key.equals(heard.poll(200, TimeUnit.MILLISECONDS))) {
                return true;
            }
        }
        return false;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("recovered within " + RECOVERY).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
