package io.saaskit.boot.web.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.saaskit.core.shared.port.ReadinessProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessChecksTests {

    @Test
    void knownChecksComeFirstAndRedisIsDisabledWhenAbsent() {
        try (ReadinessChecks checks = new ReadinessChecks(
                List.of(probe("migrations", true), probe("custom", true), probe("database", true)),
                Duration.ofSeconds(2))) {
            Map<String, String> result = checks.run();

            assertThat(result).containsExactly(Map.entry("database", "up"), Map.entry("redis", "disabled"),
                    Map.entry("migrations", "up"), Map.entry("custom", "up"));
            assertThat(ReadinessChecks.allUp(result)).isTrue();
        }
    }

    @Test
    void aFailingOrThrowingProbeIsDown() {
        ReadinessProbe throwing = new ReadinessProbe() {

            @Override
            public String name() {
                return "redis";
            }

            @Override
            public boolean isUp(Duration timeout) {
                throw new IllegalStateException("boom");
            }
        };
        try (ReadinessChecks checks = new ReadinessChecks(List.of(probe("database", false), throwing),
                Duration.ofSeconds(2))) {
            Map<String, String> result = checks.run();

            assertThat(result).containsEntry("database", "down").containsEntry("redis", "down");
            assertThat(ReadinessChecks.allUp(result)).isFalse();
        }
    }

    @Test
    void aHangingProbeIsDownAfterTheTimeout() {
        ReadinessProbe hanging = new ReadinessProbe() {

            @Override
            public String name() {
                return "database";
            }

            @Override
            public boolean isUp(Duration timeout) {
                try {
                    Thread.sleep(10_000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
        };
        try (ReadinessChecks checks = new ReadinessChecks(List.of(hanging, probe("migrations", true)),
                Duration.ofMillis(200))) {
            long start = System.nanoTime();

            Map<String, String> result = checks.run();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(result).containsEntry("database", "down").containsEntry("migrations", "up");
        }
    }

    private static ReadinessProbe probe(String name, boolean up) {
        return new ReadinessProbe() {

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isUp(Duration timeout) {
                return up;
            }
        };
    }
}
