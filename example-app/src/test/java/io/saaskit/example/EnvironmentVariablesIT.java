package io.saaskit.example;

import java.net.URI;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.saaskit.example.support.ApiClient;
import io.saaskit.example.support.ApiResponse;
import io.saaskit.example.support.Failures;
import io.saaskit.example.support.FreePort;
import io.saaskit.example.support.RunningApp;
import io.saaskit.example.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The original product's environment variables take effect in the running app: the port, the libpq-form
 * {@code DATABASE_URL}, the pool size, session lifetime and cap, and the login rate limit; and values that are not
 * numbers or booleans stop startup instead of being replaced by defaults.
 */
class EnvironmentVariablesIT {

    private static final int API_PORT = FreePort.find();

    private static TestDatabase database;

    private static RunningApp app;

    @BeforeAll
    static void startApp() {
        database = TestDatabase.create();
        app = RunningApp.start(Map.of("API_PORT", Integer.toString(API_PORT),
                "DATABASE_URL", database.postgresUrl() + "?sslmode=disable&application_name=saaskit-e2e",
                "DATABASE_POOL_MAX", "3",
                "SESSION_TTL_DAYS", "3",
                "SESSION_MAX_PER_USER", "2",
                "AUTH_LOGIN_IDENTIFIER_RATE_LIMIT", "2"));
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void apiPortIsTheListeningPort() {
        assertThat(app.port()).isEqualTo(API_PORT);
        ApiResponse health = ApiClient.withoutCookies(URI.create("http://127.0.0.1:" + API_PORT)).get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("ok");
    }

    @Test
    void postgresFormDatabaseUrlWithQueryParametersConnects() {
        ApiResponse ready = ApiClient.withoutCookies(app.baseUri()).get("/ready");

        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().path("checks").path("database").asString()).isEqualTo("up");
        assertThat(app.context().getEnvironment().getProperty("spring.datasource.url"))
                .startsWith("jdbc:postgresql://").endsWith("?sslmode=disable&application_name=saaskit-e2e");
    }

    @Test
    void databasePoolMaxSizesThePool() {
        assertThat(app.bean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(3);
    }

    @Test
    void sessionTtlDaysSetsTheCookieLifetime() {
        ApiResponse registered = ApiClient.withoutCookies(app.baseUri()).post("/auth/register",
                "{\"email\":\"ttl@example.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Ttl Org\"}");

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.header("Set-Cookie")).contains("sid=").contains("Max-Age=" + 3 * 24 * 3600);
    }

    @Test
    void sessionMaxPerUserEvictsTheOldestSession() {
        ApiClient client = ApiClient.withoutCookies(app.baseUri());
        ApiResponse registered = client.post("/auth/register",
                "{\"email\":\"cap@example.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Cap Org\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String first = registered.json().path("sessionToken").asString();
        String credentials = "{\"email\":\"cap@example.com\",\"password\":\"StrongPass1!\"}";
        String second = client.post("/auth/login", credentials).json().path("sessionToken").asString();
        assertThat(me(client, first).status()).isEqualTo(200);

        String third = client.post("/auth/login", credentials).json().path("sessionToken").asString();

        assertThat(me(client, first).status()).isEqualTo(401);
        assertThat(me(client, second).status()).isEqualTo(200);
        assertThat(me(client, third).status()).isEqualTo(200);
    }

    @Test
    void authLoginIdentifierRateLimitApplies() {
        ApiClient client = ApiClient.withoutCookies(app.baseUri());
        assertThat(client.post("/auth/register",
                "{\"email\":\"limited@example.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Limited Org\"}")
                .status()).isEqualTo(201);
        String wrong = "{\"email\":\"limited@example.com\",\"password\":\"WrongPass1!\"}";

        assertThat(client.post("/auth/login", wrong).status()).isEqualTo(401);
        assertThat(client.post("/auth/login", wrong).status()).isEqualTo(401);
        ApiResponse limited = client.post("/auth/login", wrong);

        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.json().path("code").asString()).isEqualTo("RATE_LIMIT");
        assertThat(limited.json().path("scope").asString()).isEqualTo("auth_login_identifier");
        assertThat(limited.json().path("limit").asInt()).isEqualTo(2);
        assertThat(limited.header("Retry-After")).isNotBlank();
    }

    @Test
    void nonNumericValueStopsStartup() {
        Throwable failure = catchThrowable(() -> RunningApp.start(
                Map.of("DATABASE_URL", database.jdbcUrl(), "SESSION_MAX_PER_USER", "ten")).close());

        assertThat(failure).isNotNull();
        assertThat(Failures.messages(failure)).contains("max-per-user");
    }

    @Test
    void invalidBooleanStopsStartup() {
        Throwable failure = catchThrowable(() -> RunningApp.start(
                Map.of("DATABASE_URL", database.jdbcUrl(), "SESSION_SLIDING_ENABLED", "maybe")).close());

        assertThat(failure).isNotNull();
        assertThat(Failures.messages(failure)).contains("sliding");
    }

    private static ApiResponse me(ApiClient client, String token) {
        return client.get("/auth/me", "Authorization", "Bearer " + token);
    }
}
