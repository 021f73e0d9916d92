package io.saaskit.adapters.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections every Redis adapter of one application shares: one Lettuce {@link RedisClient}, one multiplexed
 * command connection (thread-safe, used by all request threads), and one pub/sub connection.
 *
 * <p>Redis being down never stops the application from starting: the first connection attempt is made here, and
 * when it fails a background thread retries every second until both connections exist, while the adapters treat
 * Redis as unavailable (rate limits fail open or closed, the readiness probe reports down). Once connected, Lettuce
 * reconnects by itself after an outage (with a delay of at most {@value #MAX_RECONNECT_DELAY_MILLIS} ms, so
 * recovery is quick), re-subscribes the pub/sub channels, and rejects commands while disconnected instead of
 * queueing them, so a request never waits for Redis longer than the command timeout.
 *
 * <p>Logs name the server by host and port only, never by URL, which may hold the password. {@link #close()}
 * closes both connections, then shuts the client down within a short timeout.
 */
public final class RedisConnections implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RedisConnections.class);

    /** The name both connections give themselves, so operators can tell saaskit apart in {@code CLIENT LIST}. */
    static final String DEFAULT_CLIENT_NAME = "saaskit";

    private static final long MAX_RECONNECT_DELAY_MILLIS = 2000;

    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final RedisSettings settings;

    private final RedisURI uri;

    private final ClientResources resources;

    private final RedisClient client;

    private final ScheduledExecutorService connector;

    private final Object lock = new Object();

    private final List<Consumer<StatefulRedisPubSubConnection<String, String>>> pubSubSetups = new ArrayList<>();

    private volatile @Nullable StatefulRedisConnection<String, String> commands;

    private volatile @Nullable StatefulRedisPubSubConnection<String, String> pubSub;

    private volatile boolean closed;

    private boolean failureLogged;

    /**
     * Creates the client and tries to connect; when Redis cannot be reached, keeps trying in the background.
     * @param settings where Redis is
     */
    public RedisConnections(RedisSettings settings) {
        this(settings, DEFAULT_CLIENT_NAME);
    }

    /**
     * Creates the client under a given client name, which {@code CLIENT LIST} shows for both connections.
     * @param settings where Redis is
     * @param clientName the client name
     */
    RedisConnections(RedisSettings settings, String clientName) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.uri = RedisURI.create(settings.url());
        this.uri.setTimeout(settings.commandTimeout());
        this.uri.setClientName(clientName);
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofMillis(MAX_RECONNECT_DELAY_MILLIS),
                        2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(this.resources);
        this.client.setOptions(clientOptions(settings));
        this.connector = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "saaskit-redis-connect");
            thread.setDaemon(true);
            return thread;
        });
        if (!connectMissing()) {
            this.connector.scheduleWithFixedDelay(this::connectMissing, RETRY_INTERVAL.toMillis(),
                    RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ClientOptions clientOptions(RedisSettings settings) {
        Duration connectTimeout = (settings.commandTimeout().compareTo(MIN_CONNECT_TIMEOUT) > 0)
                ? settings.commandTimeout() : MIN_CONNECT_TIMEOUT;
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .build();
    }

    /**
     * The settings these connections were made from.
     * @return the settings
     */
    public RedisSettings settings() {
        return this.settings;
    }

    /**
     * Whether both connections have been established (Lettuce may be reconnecting one after an outage) and not
     * closed.
     * @return true between the first successful connection and {@link #close()}
     */
    public boolean isConnected() {
        return !this.closed && this.commands != null && this.pubSub != null;
    }

    /**
     * The shared command connection.
     * @return the connection
     * @throws RedisConnectionException when Redis has not been reached yet
     */
    StatefulRedisConnection<String, String> commands() {
        StatefulRedisConnection<String, String> current = this.commands;
        if (current == null) {
            throw new RedisConnectionException("Not connected to Redis at " + this.settings.endpoint());
        }
        return current;
    }

    /**
     * Registers work to do on the pub/sub connection (adding a listener, subscribing): right away when it exists,
     * otherwise as soon as it is established. Lettuce keeps listeners and subscriptions across reconnects.
     * @param setup the work
     */
    void onPubSub(Consumer<StatefulRedisPubSubConnection<String, String>> setup) {
        synchronized (this.lock) {
            this.pubSubSetups.add(setup);
            StatefulRedisPubSubConnection<String, String> current = this.pubSub;
            if (current != null) {
                setup.accept(current);
            }
        }
    }

    /** Establishes whatever connection is missing. Returns true when both exist. */
    private boolean connectMissing() {
        synchronized (this.lock) {
            if (this.closed) {
                return true;
            }
            try {
                if (this.commands == null) {
                    this.commands = this.client.connect(StringCodec.UTF8, this.uri);
                }
                if (this.pubSub == null) {
                    StatefulRedisPubSubConnection<String, String> connection =
                            this.client.connectPubSub(StringCodec.UTF8, this.uri);
                    try {
                        this.pubSubSetups.forEach((setup) -> setup.accept(connection));
                    }
                    catch (RuntimeException ex) {
                        connection.closeAsync();
                        throw ex;
                    }
                    this.pubSub = connection;
                }
            }
            catch (RedisException ex) {
                if (!this.failureLogged) {
                    this.failureLogged = true;
                    logger.warn("Redis at {} is unreachable ({}); retrying every {} s in the background",
                            this.settings.endpoint(), ex.getMessage(), RETRY_INTERVAL.toSeconds());
                }
                else {
                    logger.debug("Redis at {} is still unreachable: {}", this.settings.endpoint(), ex.getMessage());
                }
                return false;
            }
            if (this.failureLogged) {
                this.failureLogged = false;
                logger.info("Connected to Redis at {}", this.settings.endpoint());
            }
            this.connector.shutdown();
            return true;
        }
    }

    /**
     * Closes both connections, then shuts the client down, waiting at most a couple of seconds.
     */
    @Override
    public void close() {
        synchronized (this.lock) {
            if (this.closed) {
                return;
            }
            this.closed = true;
        }
        this.connector.shutdownNow();
        closeQuietly(this.pubSub);
        closeQuietly(this.commands);
        try {
            this.client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        }
        catch (RuntimeException ex) {
            logger.debug("Redis client did not shut down cleanly", ex);
        }
        try {
            this.resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(SHUTDOWN_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ex) {
            logger.debug("Redis client resources did not shut down cleanly", ex);
        }
    }

    private static void closeQuietly(@Nullable StatefulRedisConnection<?, ?> connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        }
        catch (RuntimeException ex) {
            logger.debug("Redis connection did not close cleanly", ex);
        }
    }

    @Override
    public String toString() {
        return "RedisConnections[" + this.settings + "]";
    }
}
