package io.saaskit.example;

import java.util.HashMap;
import java.util.Map;

import io.saaskit.example.support.ApiClient;
import io.saaskit.example.support.ApiResponse;
import io.saaskit.example.support.Failures;
import io.saaskit.example.support.RunningApp;
import io.saaskit.example.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The {@code migrate} and {@code seed} commands and {@code SAASKIT_SEED_DEMO_DATA}: migrations without a server,
 * the demo owner of "Acme Inc" created once and only on request, and never in production (product-spec §10.6,
 * scenario 98).
 */
class DemoDataIT {

    private static final String OWNER_LOGIN = "{\"email\":\"owner@example.com\",\"password\":\"password123\"}";

    @Test
    void migrateCommandCreatesTheSchemaWithoutStartingAServer() {
        TestDatabase database = TestDatabase.create();

        try (RunningApp command = RunningApp.start(Map.of("DATABASE_URL", database.jdbcUrl()), "migrate")) {
            assertThat(command.context().getEnvironment().containsProperty("local.server.port")).isFalse();
        }

        assertThat(database.count("select count(*) from saaskit_schema_history where success")).isPositive();
        assertThat(database.count("select count(*) from information_schema.tables where table_name = 'app_user'"))
                .isEqualTo(1);
        assertThat(database.count("select count(*) from app_user")).isZero();
    }

    @Test
    void freshStartWithoutTheSeedStepHasNoUsers() {
        TestDatabase database = TestDatabase.create();

        try (RunningApp app = RunningApp.start(Map.of("DATABASE_URL", database.jdbcUrl()))) {
            ApiResponse login = ApiClient.withoutCookies(app.baseUri()).post("/auth/login", OWNER_LOGIN);
            assertThat(login.status()).as(login.body()).isEqualTo(401);
        }
        assertThat(database.count("select count(*) from app_user")).isZero();
    }

    @Test
    void seedCommandCreatesTheOwnerOfAcmeIncOnceAndOnlyOnce() {
        TestDatabase database = TestDatabase.create();
        Map<String, String> variables = Map.of("DATABASE_URL", database.jdbcUrl());

        RunningApp.start(variables, "seed").close();
        RunningApp.start(variables, "seed").close();

        try (RunningApp app = RunningApp.start(variables)) {
            ApiClient curl = ApiClient.withCookieJar(app.baseUri());
            ApiResponse login = curl.post("/auth/login", OWNER_LOGIN);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            ApiResponse org = curl.get("/org");
            assertThat(org.status()).as(org.body()).isEqualTo(200);
            assertThat(org.json().path("org").path("name").asString()).isEqualTo("Acme Inc");
            assertThat(org.json().path("org").path("plan").asString()).isEqualTo("free");
            assertThat(org.json().path("role").asString()).isEqualTo("OWNER");
            assertThat(curl.get("/auth/me").json().path("orgs").size()).isEqualTo(1);
        }
        assertThat(database.count("select count(*) from app_user")).isEqualTo(1);
        assertThat(database.count("select count(*) from organization")).isEqualTo(1);
        assertThat(database.count("select count(*) from membership")).isEqualTo(1);
        assertThat(database.count("select count(*) from app_user where password_hash = 'password123'")).isZero();
    }

    @Test
    void seedSwitchAtStartupSeedsAndKeepsServing() {
        TestDatabase database = TestDatabase.create();

        try (RunningApp app = RunningApp.start(Map.of("DATABASE_URL", database.jdbcUrl(),
                "SAASKIT_SEED_DEMO_DATA", "true"))) {
            ApiResponse login = ApiClient.withoutCookies(app.baseUri()).post("/auth/login", OWNER_LOGIN);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
        }
    }

    @Test
    void seedSwitchThatIsNotABooleanStopsStartup() {
        TestDatabase database = TestDatabase.create();

        Throwable failure = catchThrowable(() -> RunningApp.start(Map.of("DATABASE_URL", database.jdbcUrl(),
                "SAASKIT_SEED_DEMO_DATA", "maybe")).close());

        assertThat(failure).isNotNull();
        assertThat(Failures.messages(failure)).contains("saaskit.seed");
        assertThat(usersIn(database)).isZero();
    }

    @Test
    void productionRefusesTheSeedCommand() {
        TestDatabase database = TestDatabase.create();

        Throwable failure = catchThrowable(() -> RunningApp.start(production(database), "seed").close());

        assertThat(failure).isNotNull();
        assertThat(Failures.messages(failure)).contains("never seeded in production");
        assertThat(usersIn(database)).isZero();
    }

    @Test
    void productionRefusesTheSeedSwitch() {
        TestDatabase database = TestDatabase.create();
        Map<String, String> variables = production(database);
        variables.put("SAASKIT_SEED_DEMO_DATA", "true");

        Throwable failure = catchThrowable(() -> RunningApp.start(variables).close());

        assertThat(failure).isNotNull();
        assertThat(Failures.messages(failure)).contains("never seeded in production");
    }

    private static long usersIn(TestDatabase database) {
        boolean migrated = database.count(
                "select count(*) from information_schema.tables where table_name = 'app_user'") > 0;
        return migrated ? database.count("select count(*) from app_user") : 0;
    }

    /** Everything production requires, so that the seed switch is the only thing refused. */
    private static Map<String, String> production(TestDatabase database) {
        Map<String, String> variables = new HashMap<>();
        variables.put("NODE_ENV", "production");
        variables.put("DATABASE_URL", database.jdbcUrl());
        variables.put("API_BASE_URL", "https://api.example.com");
        variables.put("WEB_BASE_URL", "https://app.example.com");
        variables.put("SESSION_SECRET", "production-session-secret-0123456789abcdef");
        variables.put("API_KEY_PEPPER", "production-api-key-pepper-0123456789abcdef");
        variables.put("BILLING_ENABLED", "false");
        return variables;
    }
}
