package io.saaskit.adapters.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisException;
import io.saaskit.core.shared.port.ReadinessProbe;

/**
 * {@link ReadinessProbe} named {@code redis}: up when {@code PING} on the shared connection answers {@code PONG}
 * within the timeout. Down while Redis has not been reached yet or Lettuce is reconnecting; up again, without a
 * restart, as soon as the connection is back. Never throws.
 */
public final class RedisReadinessProbe implements ReadinessProbe {

    private final RedisConnections connections;

    /**
     * Creates the probe.
     * @param connections the shared connections
     */
    public RedisReadinessProbe(RedisConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean isUp(Duration timeout) {
        try {
            String reply = this.connections.commands().async().ping()
                    .get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return "PONG".equalsIgnoreCase(reply);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (ExecutionException | TimeoutException | RedisException ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RedisReadinessProbe[" + this.connections.settings().endpoint() + "]";
    }
}
