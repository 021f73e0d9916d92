package io.saaskit.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
