package io.saaskit.adapters.redis;

import java.time.Duration;

import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.shared.port.WriteGateContractTests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisWriteGateIT extends WriteGateContractTests {

    private static RedisConnections connections;

    private final RedisWriteGate gate = new RedisWriteGate(connections);

    @BeforeAll
    static void connect() {
        connections = new RedisConnections(TestRedis.settings());
    }

    @AfterAll
    static void disconnect() {
        connections.close();
    }

    @Override
    protected WriteGate gate() {
        return this.gate;
    }

    @Override
    protected void elapse(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void theGateIsOneKeyUnderThePrefixThatRedisExpires() {
        this.gate.tryPass("api-key-used:abc", Duration.ofSeconds(60));

        long ttl = connections.commands().sync().pttl(connections.settings().keyPrefix() + "gate:api-key-used:abc");
        assertThat(ttl).isBetween(55_000L, 60_000L);
    }

    @Test
    void anUnreachableRedisIsAnOutageNotAPass() {
        try (RedisConnections unreachable = new RedisConnections(
                new RedisSettings(TestRedis.unreachableUrl(), TestRedis.uniquePrefix()))) {
            RedisWriteGate down = new RedisWriteGate(unreachable);

            assertThatExceptionOfType(ServiceUnavailableException.class)
                    .isThrownBy(() -> down.tryPass("k", Duration.ofSeconds(1)));
        }
    }
}
