package io.saaskit.boot.web.ratelimit;

import java.time.Duration;

import io.saaskit.adapters.redis.testing.LocalRedisServer;
import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopping and coming back under a running application (a throw-away redis-server the test controls):
 * {@code /ready} answers 503 with {@code checks.redis = down} while it is down, logins keep working because the
 * rate limits fail open (or answer 503 when configured to fail closed), and everything recovers without a restart.
 */
class RedisOutageIT {

    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private LocalRedisServer redis;

    private RunningApp app;

    @BeforeEach
    void startRedis() {
        this.redis = LocalRedisServer.start();
    }

    @AfterEach
    void stopEverything() {
        if (this.app != null) {
            this.app.close();
        }
        this.redis.close();
    }

    private RunningApp startApp(String... properties) {
        String[] all = new String[properties.length + 3];
        all[0] = "saaskit.redis.url=" + this.redis.url();
        all[1] = "saaskit.rate-limit.store=auto";
        all[2] = "saaskit.rate-limit.auth.login-identifier=2";
        System.arraycopy(properties, 0, all, 3, properties.length);
        this.app = RunningApp.start(all);
        return this.app;
    }

    @Test
    void whileRedisIsDownReadyIs503AndLoginsFailOpenThenEverythingRecovers() throws InterruptedException {
        RunningApp running = startApp();
        Accounts accounts = new Accounts(running);
        assertThat(ready(running).status()).isEqualTo(200);
        assertThat(ready(running).json().get("checks").get("redis").stringValue()).isEqualTo("up");

        this.redis.stop();

        // /ready may answer from a report a moment old; it turns 503 as soon as the probes run again.
        Reply notReady = waitForNotReady(running);
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.mediaType()).isEqualTo("application/problem+json");
        JsonNode problem = notReady.json();
        assertThat(problem.get("code").stringValue()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.get("checks").get("redis").stringValue()).isEqualTo("down");
        assertThat(problem.get("checks").get("database").stringValue()).isEqualTo("up");
        Account account = accounts.register();
        for (int i = 0; i < 4; i++) {
            assertThat(wrongLogin(running, account).status()).as("not limited while failing open").isEqualTo(401);
        }
        assertThat(accounts.login(account).status()).isEqualTo(200);

        this.redis.resume();

        waitForReady(running);
        assertThat(ready(running).json().get("checks").get("redis").stringValue()).isEqualTo("up");
        assertThat(wrongLogin(running, account).status()).isEqualTo(401);
        assertThat(wrongLogin(running, account).status()).isEqualTo(401);
        assertThat(wrongLogin(running, account).status()).as("limits apply again").isEqualTo(429);
    }

    @Test
    void failingClosedAnswers503WhileRedisIsDown() throws InterruptedException {
        RunningApp running = startApp("saaskit.rate-limit.fail-open=false");
        Account account = new Accounts(running).register();

        this.redis.stop();

        Reply login = running.http().post("/auth/login")
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}").send();
        assertThat(login.status()).isEqualTo(503);
        assertThat(login.json().get("code").stringValue()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(login.json().get("detail").stringValue()).isEqualTo("Service unavailable");

        this.redis.resume();

        waitForReady(running);
        assertThat(new Accounts(running).login(account).status()).isEqualTo(200);
    }

    @Test
    void anApplicationStartedWhileRedisIsDownBecomesReadyWhenRedisComesUp() throws InterruptedException {
        this.redis.stop();
        RunningApp running = startApp();

        Reply notReady = ready(running);
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().get("checks").get("redis").stringValue()).isEqualTo("down");
        Account account = new Accounts(running).register();
        assertThat(new Accounts(running).login(account).status()).isEqualTo(200);

        this.redis.resume();

        waitForReady(running);
    }

    private static Reply ready(RunningApp app) {
        return app.http().get("/ready").send();
    }

    private static Reply waitForNotReady(RunningApp app) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        Reply reply = ready(app);
        while (reply.status() == 200) {
            assertThat(System.nanoTime()).as("not ready within " + RECOVERY).isLessThan(deadline);
            Thread.sleep(200);
            reply = ready(app);
        }
        return reply;
    }

    private static void waitForReady(RunningApp app) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (ready(app).status() != 200) {
            assertThat(System.nanoTime()).as("ready again within " + RECOVERY).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static Reply wrongLogin(RunningApp app, Account account) {
        return app.http().post("/auth/login")
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"WrongPass1!\"}").send();
    }
}
