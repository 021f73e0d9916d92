package io.saaskit.adapters.redis.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.saaskit.adapters.redis.RedisSettings;
import org.jspecify.annotations.Nullable;

/**
 * The Redis server integration tests share, named by the environment variable {@value #URL_VARIABLE} (default
 * {@code redis://127.0.0.1:6379}). Tests keep apart by using a fresh key prefix each ({@link #settings()}), so
 * they need no cleanup. When the server cannot be reached, {@link #url()} throws: a test without its Redis must
 * fail, never skip.
 */
public final class TestRedis {

    /** Environment variable naming the test server. */
    public static final String URL_VARIABLE = "SAASKIT_TEST_REDIS_URL";

    private static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    private static @Nullable URI checked;

    private TestRedis() {
    }

    /**
     * The test server, checked with a {@code PING} on first use.
     * @return its URL
     * @throws IllegalStateException when it cannot be reached
     */
    public static synchronized URI url() {
        URI current = checked;
        if (current == null) {
            String configured = System.getenv(URL_VARIABLE);
            current = URI.create((configured != null && !configured.isBlank()) ? configured.trim() : DEFAULT_URL);
            ping(current);
            checked = current;
        }
        return current;
    }

    /**
     * Settings for the test server with a key prefix no other test uses.
     * @return the settings
     */
    public static RedisSettings settings() {
        return new RedisSettings(url(), uniquePrefix());
    }

    /**
     * A key prefix no other test uses.
     * @return for example {@code saaskit-test-3f2a...:}
     */
    public static String uniquePrefix() {
        return "saaskit-test-" + UUID.randomUUID() + ":";
    }

    /**
     * A URL on the loopback interface where nothing listens, for tests of an unreachable Redis.
     * @return the URL
     */
    public static URI unreachableUrl() {
        return URI.create("redis://127.0.0.1:" + freePort());
    }

    /**
     * A free TCP port on the loopback interface (free when this returns; nothing keeps it free).
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException("No free port", ex);
        }
    }

    /**
     * Opens a plain Lettuce connection for a test's own commands (inspecting keys, killing clients). Close the
     * client when done.
     * @param url the server
     * @return the client, connected
     */
    public static RedisClient client(URI url) {
        return RedisClient.create(url.toString());
    }

    private static void ping(URI url) {
        RedisClient client = RedisClient.create(url.toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
        }
        catch (RedisException ex) {
            throw new IllegalStateException("The test Redis at " + url.getHost() + ":" + url.getPort()
                    + " cannot be reached; start one or set " + URL_VARIABLE + ": " + ex.getMessage(), ex);
        }
        finally {
            client.shutdown();
        }
    }
}
