package io.saaskit.boot.web.ratelimit;

import java.util.ArrayList;
import java.util.List;

import io.saaskit.adapters.jdbc.JdbcRateLimiter;
import io.saaskit.adapters.redis.RedisApiKeyRevocationChannel;
import io.saaskit.adapters.redis.RedisQuotaCounter;
import io.saaskit.adapters.redis.RedisRateLimiter;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.ratelimit.port.RateLimiter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances sharing one PostgreSQL database (and, in the Redis case, one Redis) count auth attempts
 * together: with a login-identifier limit of 2, one wrong password on A and one on B use the window up, and the
 * third attempt is refused on either instance. Once with the Redis store, once with the PostgreSQL store.
 */
class SharedAuthRateLimitIT {

    private final List<RunningApp> apps = new ArrayList<>();

    @AfterEach
    void stopApps() {
        this.apps.forEach(RunningApp::close);
    }

    @Test
    void twoInstancesOnOneRedisShareTheAuthLimits() {
        String prefix = "saaskit.redis.key-prefix=" + TestRedis.uniquePrefix();
        RunningApp first = start(null, "saaskit.redis.url=" + TestRedis.url(), prefix);
        RunningApp second = start(first, "saaskit.redis.url=" + TestRedis.url(), prefix);

        assertSharedLimit(first, second);
        assertThat(first.http().get("/ready").send().json().get("checks").get("redis").stringValue())
                .isEqualTo("up");
        assertThat(first.bean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class);
        assertThat(first.bean(ApiKeyRevocationChannel.class)).as("ahead of every other saaskit auto-configuration")
                .isInstanceOf(RedisApiKeyRevocationChannel.class);
        assertThat(first.bean(QuotaCounter.class)).isInstanceOf(RedisQuotaCounter.class);
    }

    @Test
    void twoInstancesOnOnePostgresShareTheAuthLimitsWithoutRedis() {
        RunningApp first = start(null, "saaskit.rate-limit.store=postgres");
        RunningApp second = start(first, "saaskit.rate-limit.store=postgres");

        assertSharedLimit(first, second);
        assertThat(first.http().get("/ready").send().json().get("checks").get("redis").stringValue())
                .isEqualTo("disabled");
        assertThat(first.bean(RateLimiter.class)).isInstanceOf(JdbcRateLimiter.class);
    }

    private void assertSharedLimit(RunningApp first, RunningApp second) {
        Account account = new Accounts(first).register();
        // Each test application has its own clock, and registering moved the first one; real instances share time.
        second.clock().set(first.clock().instant());

        Reply onFirst = wrongLogin(first, account);
        Reply onSecond = wrongLogin(second, account);
        Reply thirdOnFirst = wrongLogin(first, account);
        Reply thirdOnSecond = wrongLogin(second, account);
        Reply rightPasswordOnSecond = second.http().post("/auth/login")
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}").send();

        assertThat(onFirst.status()).isEqualTo(401);
        assertThat(onSecond.status()).isEqualTo(401);
        assertThat(onSecond.header("RateLimit")).contains("\"auth_login_identifier\";r=0;");
        assertThat(thirdOnFirst.status()).isEqualTo(429);
        assertThat(thirdOnFirst.json().get("scope").stringValue()).isEqualTo("auth_login_identifier");
        assertThat(thirdOnSecond.status()).isEqualTo(429);
        assertThat(rightPasswordOnSecond.status()).as("the limit counts every attempt").isEqualTo(429);
        assertThat(Integer.parseInt(thirdOnSecond.header("Retry-After"))).isBetween(1, 60);
    }

    private RunningApp start(RunningApp sharingWith, String... properties) {
        List<String> all = new ArrayList<>(List.of("saaskit.rate-limit.store=auto",
                "saaskit.rate-limit.auth.login-identifier=2", "saaskit.rate-limit.auth.window=60s"));
        all.addAll(List.of(properties));
        RunningApp app = (sharingWith != null) ? RunningApp.start(sharingWith.database(), all.toArray(String[]::new))
                : RunningApp.start(all.toArray(String[]::new));
        this.apps.add(app);
        return app;
    }

    private static Reply wrongLogin(RunningApp app, Account account) {
        return app.http().post("/auth/login")
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"WrongPass1!\"}").send();
    }
}
