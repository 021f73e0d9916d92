package io.saaskit.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.saaskit.example.support.ApiClient;
import io.saaskit.example.support.ApiResponse;
import io.saaskit.example.support.FreePort;
import io.saaskit.example.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged {@code example-app.jar} run as its own process with real environment variables, the way operators
 * run it: it serves on {@code API_PORT}, logs one JSON object per line with the request id, exits 0 on SIGTERM after
 * logging "Shutting down", and its one-shot commands exit with a meaningful status.
 */
class PackagedJarIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration STARTUP = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    @Test
    void servesOnApiPortLogsJsonLinesAndExitsZeroOnSigterm() throws Exception {
        TestDatabase database = TestDatabase.create();
        int port = FreePort.find();
        Map<String, String> environment = new HashMap<>();
        environment.put("API_PORT", Integer.toString(port));
        environment.put("DATABASE_URL", database.postgresUrl());
        environment.put("SHUTDOWN_TIMEOUT_SEC", "10");
        Path log = this.directory.resolve("app.log");
        Process process = start(environment, log);
        try {
            ApiClient client = ApiClient.withoutCookies(URI.create("http://localhost:" + port));
            awaitHealthy(client, process, log);
            ApiResponse ready = client.get("/ready", "X-Request-Id", "packaged-jar-it-1");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.header("X-Request-Id")).isEqualTo("packaged-jar-it-1");

            process.destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(process.exitValue()).as(read(log)).isZero();
        }
        finally {
            process.destroyForcibly();
        }
        List<JsonNode> lines = jsonLines(log);
        assertThat(lines).anySatisfy((line) -> {
            assertThat(line.path("message").asString()).isEqualTo("Shutting down");
            assertThat(line.toString()).contains("SIGTERM");
        });
        assertThat(lines).anySatisfy((line) -> assertThat(line.toString()).contains("packaged-jar-it-1"));
    }

    @Test
    void meteredCallsAcknowledgedBeforeSigkillAreRecordedOnceAfterTheRestartWithTheUsageJournal() throws Exception {
        TestDatabase database = TestDatabase.create();
        int port = FreePort.find();
        Map<String, String> environment = new HashMap<>();
        environment.put("API_PORT", Integer.toString(port));
        environment.put("DATABASE_URL", database.postgresUrl());
        environment.put("SAASKIT_METERING_JOURNAL_DIRECTORY", this.directory.resolve("journal").toString());
        ApiClient client = ApiClient.withoutCookies(URI.create("http://localhost:" + port));
        Path log = this.directory.resolve("journal-app.log");
        int calls = 50;
        String orgId;
        Process process = start(environment, log);
        try (Connection locker = database.dataSource().getConnection()) {
            awaitHealthy(client, process, log);
            String email = "journal-" + System.nanoTime() + "@example.com";
            ApiResponse registered = client.post("/auth/register", "{\"email\":\"" + email
                    + "\",\"password\":\"StrongPass1!\",\"orgName\":\"Journal Org\"}");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            orgId = registered.json().get("orgId").stringValue();
            String token = registered.json().get("sessionToken").stringValue();
            ApiResponse created = client.post("/api-keys", "{\"name\":\"journal_key\"}", "Authorization",
                    "Bearer " + token);
            String key = created.json().get("secret").stringValue();
            assertThat(client.get("/data", "Authorization", "Bearer " + key).status()).isEqualTo(200);
            assertThat(client.get("/usage/summary", "Authorization", "Bearer " + token).json().get("used")
                    .longValue()).isEqualTo(1);
            // With usage_event locked, the journal cannot ship: what the calls acknowledge is only in its files.
            locker.setAutoCommit(false);
            locker.createStatement().execute("lock table usage_event in access exclusive mode");
            for (int i = 0; i < calls; i++) {
                ApiResponse data = client.get("/data", "Authorization", "Bearer " + key);
                assertThat(data.status()).as(data.toString()).isEqualTo(200);
            }

            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            try (var statement = locker.prepareStatement("select count(*) from usage_event where org_id = ?::uuid")) {
                statement.setString(1, orgId);
                try (var count = statement.executeQuery()) {
                    assertThat(count.next()).isTrue();
                    assertThat(count.getLong(1)).as("in PostgreSQL at the kill").isEqualTo(1);
                }
            }
            // A batch the killed process had sent may still commit once the lock is gone; shipping it again is
            // harmless.
            locker.rollback();
        }
        finally {
            process.destroyForcibly();
        }

        Process restarted = start(environment, this.directory.resolve("journal-app-2.log"));
        try {
            awaitHealthy(client, restarted, this.directory.resolve("journal-app-2.log"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (events(database, orgId) < calls + 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            Thread.sleep(500);

            assertThat(events(database, orgId)).as("every acknowledged call, once").isEqualTo(calls + 1);
            assertThat(read(this.directory.resolve("journal-app-2.log")))
                    .contains("Usage journal: shipping 1 file(s) a stopped instance left");
        }
        finally {
            restarted.destroyForcibly();
        }
    }

    private static long events(TestDatabase database, String orgId) {
        return database.count("select count(*) from usage_event where org_id = ?::uuid", orgId);
    }

    @Test
    void migrateCommandExitsZero() throws Exception {
        TestDatabase database = TestDatabase.create();
        Path log = this.directory.resolve("migrate.log");

        Process process = start(Map.of("DATABASE_URL", database.jdbcUrl()), log, "migrate");

        assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(read(log)).isZero();
        assertThat(database.count("select count(*) from information_schema.tables where table_name = 'app_user'"))
                .isEqualTo(1);
    }

    @Test
    void seedCommandInProductionExitsNonZero() throws Exception {
        TestDatabase database = TestDatabase.create();
        Map<String, String> environment = new HashMap<>();
        environment.put("NODE_ENV", "production");
        environment.put("DATABASE_URL", database.jdbcUrl());
        environment.put("API_BASE_URL", "https://api.example.com");
        environment.put("WEB_BASE_URL", "https://app.example.com");
        environment.put("SESSION_SECRET", "production-session-secret-0123456789abcdef");
        environment.put("API_KEY_PEPPER", "production-api-key-pepper-0123456789abcdef");
        environment.put("BILLING_ENABLED", "false");
        Path log = this.directory.resolve("seed.log");

        Process process = start(environment, log, "seed");

        assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(read(log)).isNotZero();
        assertThat(read(log)).contains("never seeded in production");
    }

    @Test
    void unknownCommandExitsWithUsage() throws Exception {
        Path log = this.directory.resolve("unknown.log");

        Process process = start(Map.of(), log, "frobnicate");

        assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(read(log)).contains("Unknown command 'frobnicate'");
    }

    private static Process start(Map<String, String> environment, Path log, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only what a clean shell would have, so nothing from the build's environment leaks into the app.
        Map<String, String> processEnvironment = builder.environment();
        processEnvironment.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR", "JAVA_HOME"));
        processEnvironment.putAll(environment);
        return builder.start();
    }

    private static Path jar() {
        String configured = System.getProperty("saaskit.example.jar");
        Path jar = Path.of((configured != null) ? configured : "target/example-app.jar");
        assertThat(jar).as("the packaged app (run through 'mvn verify')").exists();
        return jar;
    }

    private static void awaitHealthy(ApiClient client, Process process, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("The app exited with " + process.exitValue() + " during startup:\n" + read(log));
            }
            try {
                if (client.get("/health").status() == 200) {
                    return;
                }
            }
            catch (UncheckedIOException ex) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("The app did not become healthy within " + STARTUP + ":\n" + read(log));
    }

    private static List<JsonNode> jsonLines(Path log) {
        List<JsonNode> result = new ArrayList<>();
        for (String line : read(log).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                result.add(node);
            }
            catch (RuntimeException ex) {
                fail("Log line is not a JSON object: " + line, ex);
            }
        }
        return result;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
