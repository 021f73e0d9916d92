package io.saaskit.boot.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcRateLimiter;
import io.saaskit.adapters.jdbc.testing.TestPostgres;
import io.saaskit.adapters.redis.RedisConnections;
import io.saaskit.adapters.redis.RedisRateLimiter;
import io.saaskit.adapters.redis.RedisReadinessProbe;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.ratelimit.InProcessRateLimiter;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.testing.FastPasswordHasher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate-limit store selection with a real PostgreSQL and a real Redis: {@code auto} takes Redis when its URL is
 * set and PostgreSQL otherwise (saying so once), {@code postgres} and {@code memory} override it, and the Redis
 * beans work against the server and are closed with the context.
 */
@ExtendWith(OutputCaptureExtension.class)
class SaasRedisAutoConfigurationIT {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static final RateLimitRule RULE = new RateLimitRule("auth_login_ip", 1, Duration.ofSeconds(60));

    private static TestPostgres.Database database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class,
                    SaasJdbcAutoConfiguration.class, SaasApiKeyJdbcAutoConfiguration.class,
                    SaasRedisAutoConfiguration.class))
            .withBean(DataSource.class, () -> new DelegatingDataSource(database.dataSource()))
            .withBean(PasswordHasher.class, FastPasswordHasher::new)
            .withPropertyValues("saaskit.session.secret=" + SECRET);

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.createDatabase();
    }

    private static String redisUrl() {
        return "saaskit.redis.url=" + TestRedis.url();
    }

    private static String uniquePrefix() {
        return "saaskit.redis.key-prefix=" + TestRedis.uniquePrefix();
    }

    @Test
    void autoWithoutRedisUsesPostgresAndSaysSoOnce(CapturedOutput output) {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(JdbcRateLimiter.class);
            assertThat(context).hasBean("saasJdbcRateLimiter").doesNotHaveBean(RedisConnections.class);
            RateLimiter limiter = context.getBean(RateLimiter.class);
            String bucket = "auth_login_ip:" + UUID.randomUUID();
            assertThat(limiter.hit(RULE, bucket)).isInstanceOf(RateLimitDecision.Allowed.class);
            assertThat(limiter.hit(RULE, bucket)).isInstanceOf(RateLimitDecision.Limited.class);
        });
        assertThat(output.getOut().split(RateLimitStoreSelection.REDIS_NOT_CONFIGURED, -1)).hasSize(2);
    }

    @Test
    void autoWithRedisUsesRedisForEveryInstanceAndSaysNothingAboutPostgres(CapturedOutput output) {
        this.runner.withPropertyValues(redisUrl(), uniquePrefix()).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class);
            assertThat(context).doesNotHaveBean(JdbcRateLimiter.class);
            assertThat(context.getBean(RedisReadinessProbe.class).isUp(Duration.ofSeconds(2))).isTrue();
            RateLimiter limiter = context.getBean(RateLimiter.class);
            String bucket = "auth_login_ip:" + UUID.randomUUID();
            assertThat(limiter.hit(RULE, bucket)).isInstanceOf(RateLimitDecision.Allowed.class);
            assertThat(limiter.hit(RULE, bucket)).isInstanceOf(RateLimitDecision.Limited.class);
        });
        assertThat(output.getOut()).doesNotContain(RateLimitStoreSelection.REDIS_NOT_CONFIGURED)
                .contains("Using Redis at " + TestRedis.url().getHost());
    }

    @Test
    void storePostgresUsesPostgresEvenWithRedisConfigured() {
        this.runner.withPropertyValues(redisUrl(), uniquePrefix(), "saaskit.rate-limit.store=postgres")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RateLimiter.class)).isInstanceOf(JdbcRateLimiter.class);
                    assertThat(context).hasSingleBean(RedisConnections.class);
                });
    }

    @Test
    void storeMemoryUsesTheInProcessLimiterWhateverIsConfigured() {
        this.runner.withPropertyValues("saaskit.rate-limit.store=memory").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(InProcessRateLimiter.class);
            assertThat(context).doesNotHaveBean(JdbcRateLimiter.class);
        });
    }

    @Test
    void theRedisConnectionsCloseWithTheContext() {
        RedisConnections[] connections = new RedisConnections[1];
        this.runner.withPropertyValues(redisUrl(), uniquePrefix()).run((context) -> {
            connections[0] = context.getBean(RedisConnections.class);
            assertThat(connections[0].isConnected()).isTrue();
        });

        assertThat(connections[0].isConnected()).isFalse();
    }
}
