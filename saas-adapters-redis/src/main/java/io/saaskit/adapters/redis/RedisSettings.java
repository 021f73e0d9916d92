package io.saaskit.adapters.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where Redis is and how saaskit uses it, bridged from the starter's {@code saaskit.redis.*} properties.
 *
 * <p>The URL follows the usual form {@code redis://[[user]:password@]host[:port][/database]}; {@code rediss://}
 * means TLS. The password may appear only in the URL, and nothing here ever prints it: {@link #toString()} and
 * {@link #endpoint()} show the host and port only.
 *
 * @param url the server, {@code redis://} or {@code rediss://}
 * @param keyPrefix put in front of every key saaskit writes, so several applications can share one server; it must
 *                  not contain braces, which would change the cluster hash tags of the keys
 * @param commandTimeout how long a command may take before it counts as failed (and a rate limit fails open or
 *                       closed); also the lower bound of the connect timeout
 */
public record RedisSettings(URI url, String keyPrefix, Duration commandTimeout) {

    /** The key prefix used when none is configured. */
    public static final String DEFAULT_KEY_PREFIX = "saaskit:";

    /** The command timeout used when none is configured. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
        // The message never repeats the URL: it may hold the password.
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("The Redis URL must start with redis:// or rediss://");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("The Redis URL must name a host");
        }
        if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("The Redis key prefix must not contain braces");
        }
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("The Redis command timeout must be positive");
        }
    }

    /**
     * Settings with the default command timeout.
     * @param url the server
     * @param keyPrefix the key prefix
     */
    public RedisSettings(URI url, String keyPrefix) {
        this(url, keyPrefix, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Settings with the default key prefix and command timeout.
     * @param url the server
     * @return the settings
     */
    public static RedisSettings of(URI url) {
        return new RedisSettings(url, DEFAULT_KEY_PREFIX);
    }

    /**
     * Whether the connection uses TLS.
     * @return true for {@code rediss://}
     */
    public boolean tls() {
        return "rediss".equalsIgnoreCase(this.url.getScheme());
    }

    /**
     * The server's host and port, safe to log.
     * @return for example {@code cache.internal:6379}
     */
    public String endpoint() {
        int port = (this.url.getPort() > 0) ? this.url.getPort() : 6379;
        return this.url.getHost() + ":" + port;
    }

    @Override
    public String toString() {
        return "RedisSettings[endpoint=" + endpoint() + ", tls=" + tls() + ", keyPrefix=" + this.keyPrefix
                + ", commandTimeout=" + this.commandTimeout + "]";
    }
}
