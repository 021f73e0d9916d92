package io.saaskit.adapters.redis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ApiKeyRevocationChannel} over Redis pub/sub on the channel {@code <prefix>apikey-revoked}, so every instance
 * evicts a revoked key from its cache within milliseconds.
 *
 * <p>{@link #publish} first tells this instance's listeners directly (so the revoking instance never depends on
 * Redis), then publishes a message carrying this channel's random instance id and the key id; each instance ignores
 * its own messages. Publishing is asynchronous and best effort: when Redis cannot be reached the failure is logged
 * at most once every few seconds, and the other instances fall back on their cache's short lifetime. Listeners are
 * registered on the shared pub/sub connection, which Lettuce re-subscribes after every reconnect; when Redis was
 * down at startup, the subscription is made as soon as the connection is established.
 */
public final class RedisApiKeyRevocationChannel implements ApiKeyRevocationChannel {

    private static final Logger logger = LoggerFactory.getLogger(RedisApiKeyRevocationChannel.class);

    private final RedisConnections connections;

    private final String channel;

    private final String instanceId = UUID.randomUUID().toString();

    private final List<Consumer<ApiKeyId>> listeners = new CopyOnWriteArrayList<>();

    private final OutageLog outages = new OutageLog(logger, "Redis revocation channel");

    /**
     * Creates the channel and subscribes to it (now, or once Redis is reachable).
     * @param connections the shared connections
     */
    public RedisApiKeyRevocationChannel(RedisConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.channel = connections.settings().keyPrefix() + "apikey-revoked";
        connections.onPubSub((pubSub) -> {
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (RedisApiKeyRevocationChannel.this.channel.equals(channel)) {
                        received(message);
                    }
                }
            });
            pubSub.sync().subscribe(this.channel);
        });
    }

    @Override
    public void publish(ApiKeyId keyId) {
        deliver(keyId);
        try {
            this.connections.commands().async().publish(this.channel, this.instanceId + " " + keyId)
                    .whenComplete((receivers, failure) -> {
                        if (failure instanceof RuntimeException runtime) {
                            this.outages.failure(runtime, "other instances evict the key when their cache expires");
                        }
                    });
        }
        catch (RedisException ex) {
            this.outages.failure(ex, "other instances evict the key when their cache expires");
        }
    }

    @Override
    public void subscribe(Consumer<ApiKeyId> listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * The Redis channel revocations travel on.
     * @return the channel name, with the key prefix
     */
    public String channel() {
        return this.channel;
    }

    private void received(String message) {
        int space = message.indexOf(' ');
        if (space < 0) {
            logger.debug("Ignoring a malformed message on {}", this.channel);
            return;
        }
        if (message.substring(0, space).equals(this.instanceId)) {
            return;
        }
        Optional<ApiKeyId> keyId = ApiKeyId.parse(message.substring(space + 1));
        if (keyId.isEmpty()) {
            logger.debug("Ignoring a malformed message on {}", this.channel);
            return;
        }
        deliver(keyId.get());
    }

    private void deliver(ApiKeyId keyId) {
        for (Consumer<ApiKeyId> listener : this.listeners) {
            try {
                listener.accept(keyId);
            }
            catch (RuntimeException ex) {
                logger.error("An API key revocation listener failed", ex);
            }
        }
    }

    @Override
    public String toString() {
        return "RedisApiKeyRevocationChannel[" + this.connections.settings().endpoint() + ", " + this.channel + "]";
    }
}
