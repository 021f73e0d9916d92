package io.saaskit.adapters.jdbc;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitKey;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiterContractTests;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rate-limiter contract on PostgreSQL, plus the table's shape, the cleanup of closed windows, and what happens
 * when the database cannot be reached.
 */
class JdbcRateLimiterIT extends RateLimiterContractTests {

    private static final RateLimitRule RULE = new RateLimitRule("auth_login_ip", 2, Duration.ofSeconds(60));

    @Override
    protected RateLimiter createRateLimiter(Clock clock) {
        return new JdbcRateLimiter(SharedDatabase.get().dataSource(), clock, false);
    }

    @Test
    void theBucketTableIsUnloggedAndHoldsOneRowPerBucket() {
        JdbcClient admin = JdbcClient.create(SharedDatabase.get().admin());
        String key = uniqueKey();
        limiter().hit(RULE, key);
        limiter().hit(RULE, key);

        assertThat(admin.sql("select relpersistence from pg_class where relname = 'rate_limit_bucket'")
                .query(String.class).single()).isEqualTo("u");
        assertThat(admin.sql("select count from rate_limit_bucket where key = :key").param("key", key)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void deleteExpiredRemovesOnlyClosedWindows() {
        MutableClock clock = new MutableClock(this.clock.instant().plus(Duration.ofDays(3650)));
        JdbcRateLimiter limiter = new JdbcRateLimiter(SharedDatabase.get().dataSource(), clock, false);
        String closed = uniqueKey();
        String open = uniqueKey();
        limiter.hit(RULE, closed);
        clock.advanceSeconds(30);
        limiter.hit(RULE, open);
        clock.advanceSeconds(31);

        int deleted = limiter.deleteExpired(clock.instant());

        JdbcClient admin = JdbcClient.create(SharedDatabase.get().admin());
        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(admin.sql("select key from rate_limit_bucket where key in (:keys)")
                .param("keys", List.of(closed, open)).query(String.class).list()).containsExactly(open);
    }

    @Test
    void anUnreachableDatabaseFailsOpenByDefault() throws Exception {
        JdbcRateLimiter limiter = new JdbcRateLimiter(unreachable(), Clock.systemUTC(), true);

        RateLimitDecision decision = limiter.hit(RULE, RateLimitKey.of(RULE.scope(), "198.51.100.1"));

        assertThat(decision).isEqualTo(new RateLimitDecision.Allowed(RULE, 1, RULE.window()));
    }

    @Test
    void anUnreachableDatabaseFailsClosedWithServiceUnavailableWhenConfigured() throws Exception {
        JdbcRateLimiter limiter = new JdbcRateLimiter(unreachable(), Clock.systemUTC(), false);

        assertThatExceptionOfType(ServiceUnavailableException.class)
                .isThrownBy(() -> limiter.hit(RULE, RateLimitKey.of(RULE.scope(), "198.51.100.1")));
    }

    /** A data source pointing at a loopback port where nothing listens. */
    private static DriverManagerDataSource unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + port + "/saaskit?connectTimeout=2",
                "nobody", "");
    }
}
