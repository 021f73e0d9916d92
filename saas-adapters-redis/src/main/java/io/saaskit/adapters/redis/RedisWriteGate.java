package io.saaskit.adapters.redis;

import java.time.Duration;
import java.util.Objects;

import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.WriteGates;
import io.saaskit.core.shared.port.WriteGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WriteGate} shared by every instance: {@code SET <prefix>gate:<key> 1 NX PX <interval>}, so the first
 * caller creates the key and Redis expires it when the interval ends.
 */
public final class RedisWriteGate implements WriteGate {

    private static final Logger logger = LoggerFactory.getLogger(RedisWriteGate.class);

    private final RedisConnections connections;

    private final String keyPrefix;

    private final OutageLog outages = new OutageLog(logger, "Redis write gate");

    /**
     * Creates the gate.
     * @param connections the shared connections
     */
    public RedisWriteGate(RedisConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.keyPrefix = connections.settings().keyPrefix() + "gate:";
    }

    @Override
    public boolean tryPass(String key, Duration interval) {
        WriteGates.check(key, interval);
        try {
            String reply = this.connections.commands().sync().set(this.keyPrefix + key, "1",
                    SetArgs.Builder.nx().px(interval.toMillis()));
            return "OK".equals(reply);
        }
        catch (RedisException ex) {
            this.outages.failure(ex, "gated writes are skipped");
            throw new ServiceUnavailableException(ex);
        }
    }

    @Override
    public String toString() {
        return "RedisWriteGate[" + this.connections + "]";
    }
}
