package io.saaskit.boot.web.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.RawHttp;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log lines written during a request carry its request id, also on the container's error dispatch; every request
 * gets one access-log line; auth failures are logged with a reason and never with the secret; a client going away
 * is no error.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void requestLogLinesCarryTheRequestIdAndNoSecrets(CapturedOutput output) throws InterruptedException {
        try (RunningApp app = RunningApp.start("logging.structured.format.console=logstash")) {
            Account account = new Accounts(app).register();
            String tampered = account.token() + "x";

            Reply ok = app.http().get("/health?token=query-secret").header("X-Request-Id", "log-test-1").send();
            Reply failed = app.http().get("/auth/me").bearer(tampered).header("X-Request-Id", "log-test-2").send();

            assertThat(ok.status()).isEqualTo(200);
            assertThat(failed.status()).isEqualTo(401);
            // The access-log line is written once the response has been sent: give it a moment.
            List<String> lines = awaitLine(output, "GET /auth/me 401");
            assertThat(lines).filteredOn((line) -> line.contains("\"requestId\":\"log-test-1\""))
                    .singleElement().asString().contains("GET /health 200").contains("\"status\":200")
                    .doesNotContain("query-secret");
            assertThat(lines).filteredOn((line) -> line.contains("\"requestId\":\"log-test-2\""))
                    .anySatisfy((line) -> assertThat(line).contains("Auth failed").contains("invalid_session"))
                    .anySatisfy((line) -> assertThat(line).contains("GET /auth/me 401"));
            assertThat(output.getOut()).doesNotContain(account.token()).doesNotContain(Accounts.PASSWORD);
        }
    }

    @Test
    void aClientAbortingAnUploadIsLoggedAtDebugWithTheRequestIdAndNoError(CapturedOutput output)
            throws InterruptedException {
        try (RunningApp app = RunningApp.start("logging.structured.format.console=logstash",
                "logging.level.io.saaskit.boot.web.support.ProblemMapper=debug")) {
            RawHttp.of(app).abortUpload("POST /auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100", "{\"email\":\"a\",".getBytes(
                    StandardCharsets.UTF_8));

            List<String> lines = awaitLine(output, "The client went away");
            String access = lines.stream().filter((line) -> line.contains("POST /auth/login 400")).findFirst()
                    .orElseThrow();
            String requestId = JSON.readTree(access).get("requestId").stringValue();
            assertThat(requestId).matches("[0-9a-f]{24}");
            assertThat(lines).filteredOn((line) -> line.contains("The client went away")).singleElement().asString()
                    .contains("\"level\":\"DEBUG\"").contains("\"requestId\":\"" + requestId + "\"");
            assertThat(lines).noneMatch((line) -> line.contains("\"level\":\"ERROR\""));
        }
    }

    @Test
    void aSuperuserDatabaseConnectionIsWarnedAboutAtStartup(CapturedOutput output) {
        try (RunningApp app = RunningApp.start()) {
            assertThat(output.getOut()).contains("WARN").contains("superuser or has BYPASSRLS")
                    .contains("only inside tenant-scoped transactions");
        }
    }

    private static List<String> awaitLine(CapturedOutput output, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!output.getOut().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return output.getOut().lines().toList();
    }
}
