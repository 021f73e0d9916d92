package io.saaskit.example.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.saaskit.example.support.ApiClient;
import io.saaskit.example.support.ApiResponse;
import io.saaskit.example.support.Failures;
import io.saaskit.example.support.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * With no {@code DATABASE_URL} the app brings its own PostgreSQL, keeps the data in {@code EMBEDDED_DB_DIR} and finds
 * it again after a restart (scenario 99); production refuses to do so.
 */
class EmbeddedDatabaseIT {

    @Test
    void startsEmbeddedPostgresKeepsItsDataAndReusesItAfterRestart(@TempDir Path directory) {
        Path dataDirectory = directory.resolve("pgdata");
        Map<String, String> variables = Map.of("DATABASE_URL", "", "EMBEDDED_DB_DIR", dataDirectory.toString());
        try (RunningApp app = RunningApp.start(variables)) {
            ApiClient client = ApiClient.withoutCookies(app.baseUri());
            ApiResponse ready = client.get("/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            ApiResponse registered = client.post("/auth/register",
                    "{\"email\":\"embedded@example.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Embedded\"}");
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        try (RunningApp app = RunningApp.start(variables)) {
            ApiResponse login = ApiClient.withoutCookies(app.baseUri()).post("/auth/login",
                    "{\"email\":\"embedded@example.com\",\"password\":\"StrongPass1!\"}");
            assertThat(login.status()).as(login.body()).isEqualTo(200);
        }
    }

    @Test
    void productionWithoutDatabaseUrlRefusesToStart(@TempDir Path directory) {
        Path dataDirectory = directory.resolve("pgdata");

        Throwable failure = catchThrowable(() -> RunningApp.start(Map.of("DATABASE_URL", "", "NODE_ENV",
                "production", "EMBEDDED_DB_DIR", dataDirectory.toString())).close());

        assertThat(failure).isNotNull();
        assertThat(Failures.messages(failure)).contains("DATABASE_URL is required in production");
        assertThat(Files.exists(dataDirectory)).isFalse();
    }
}
