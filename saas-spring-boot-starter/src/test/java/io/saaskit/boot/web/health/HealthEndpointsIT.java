package io.saaskit.boot.web.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.shared.port.ReadinessProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /health} and {@code /ready} against the real PostgreSQL probes, plus a Redis probe the test switches.
 */
class HealthEndpointsIT {

    private static final AtomicBoolean REDIS_UP = new AtomicBoolean(true);

    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.startWith(new Class<?>[] { RedisProbeConfiguration.class });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void redisUp() {
        REDIS_UP.set(true);
    }

    @Test
    void healthIsOkWithoutCheckingDependencies() {
        Reply reply = app.http().get("/health").send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo("application/json");
        assertThat(reply.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void readyReportsEveryCheckWhenAllAreUp() throws InterruptedException {
        Reply reply = awaitReady(200);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"status\":\"ready\","
                + "\"checks\":{\"database\":\"up\",\"redis\":\"up\",\"migrations\":\"up\"}}");
    }

    @Test
    void aFailingCheckMakesReadyAServiceUnavailableProblem() throws InterruptedException {
        REDIS_UP.set(false);

        Reply reply = awaitReady(503);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("code").stringValue()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.get("detail").stringValue()).isEqualTo("Service not ready");
        assertThat(problem.get("checks").get("redis").stringValue()).isEqualTo("down");
        assertThat(problem.get("checks").get("database").stringValue()).isEqualTo("up");
        assertThat(problem.get("requestId").stringValue()).isEqualTo(reply.header("X-Request-Id"));
    }

    @Test
    void aReportIsReusedForAMomentSoFloodsDoNotMultiplyTheChecks() throws InterruptedException {
        awaitReady(200);
        Thread.sleep(1100);
        Reply fresh = app.http().get("/ready").send();

        REDIS_UP.set(false);
        Reply reused = app.http().get("/ready").send();
        Reply refreshed = awaitReady(503);

        assertThat(fresh.status()).isEqualTo(200);
        assertThat(reused.status()).as("within the reuse window").isEqualTo(200);
        assertThat(refreshed.json().get("checks").get("redis").stringValue()).isEqualTo("down");
    }

    @Test
    void readyTurnsUnavailableOnceShutdownBegins() {
        try (RunningApp closing = RunningApp.start()) {
            assertThat(closing.http().get("/ready").send().status()).isEqualTo(200);

            closing.context().publishEvent(new ContextClosedEvent(closing.context()));

            Reply reply = closing.http().get("/ready").send();
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Service not ready");
            assertThat(reply.json().get("checks").get("redis").stringValue()).isEqualTo("disabled");
            assertThat(closing.http().get("/health").send().status()).isEqualTo(200);
        }
    }

    /**
     * Calls {@code /ready} until it answers the status, for at most a few seconds: a report is reused for a second,
     * so a change of a probe shows up only once the previous report has expired.
     */
    private static Reply awaitReady(int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Reply reply = app.http().get("/ready").send();
        while (reply.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            reply = app.http().get("/ready").send();
        }
        return reply;
    }

    /** A Redis probe whose state the test controls. */
    @Configuration(proxyBeanMethods = false)
    static class RedisProbeConfiguration {

        @Bean
        ReadinessProbe testRedisProbe() {
            return new ReadinessProbe() {

                @Override
                public String name() {
                    return "redis";
                }

                @Override
                public boolean isUp(Duration timeout) {
                    return REDIS_UP.get();
                }
            };
        }
    }
}
