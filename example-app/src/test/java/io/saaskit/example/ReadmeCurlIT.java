package io.saaskit.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.saaskit.example.support.RunningApp;
import io.saaskit.example.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the curl walkthrough exactly as the README prints it (its first {@code bash} block after the "Walkthrough"
 * heading), with bash and curl, against the running app; only the port is changed. The README is the contract a
 * new user follows, so when it and the app disagree this fails.
 */
class ReadmeCurlIT {

    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path directory;

    @Test
    void readmeCurlWalkthroughRunsVerbatim() throws Exception {
        String script = walkthrough();
        try (RunningApp app = RunningApp.start(Map.of("DATABASE_URL", TestDatabase.create().jdbcUrl()))) {
            Path file = this.directory.resolve("walkthrough.sh");
            Files.writeString(file, script.replace("http://localhost:4000", "http://localhost:" + app.port()));
            Path output = this.directory.resolve("walkthrough.out");
            Process bash = new ProcessBuilder("bash", "-e", "-o", "pipefail", file.toString())
                    .directory(this.directory.toFile()).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();

            assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(bash.exitValue()).as(printed).isZero();
            assertThat(printed).as("register and login answered with a session").contains("\"sessionToken\"")
                    .as("/auth/me").contains("\"email\":\"demo@example.com\"")
                    .as("/org").contains("\"name\":\"Demo Org\"")
                    .as("the member list after the role change").contains("\"email\":\"teammate@example.com\"")
                    .contains("\"role\":\"ADMIN\"")
                    .as("/data answered with the organization").contains("\"name\":\"Demo Org\"}")
                    .as("/usage counted the call").contains("\"metric\":\"api_requests\"")
                    .as("/usage/summary").contains("\"used\":1")
                    .as("no request failed").doesNotContain("\"status\":4").doesNotContain("\"status\":5");
            assertThat(this.directory.resolve("cookie.txt")).exists();
        }
    }

    private static String walkthrough() throws IOException {
        assertThat(README).as("the repository README").exists();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int heading = readme.indexOf("## Walkthrough");
        assertThat(heading).as("a '## Walkthrough' section in the README").isNotNegative();
        int start = readme.indexOf("```bash\n", heading);
        assertThat(start).as("a bash block in the walkthrough").isNotNegative();
        int end = readme.indexOf("```", start + "```bash\n".length());
        String script = readme.substring(start + "```bash\n".length(), end);
        assertThat(script).contains("curl");
        return script;
    }
}
