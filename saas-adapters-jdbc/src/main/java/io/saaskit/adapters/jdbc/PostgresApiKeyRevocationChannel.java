package io.saaskit.adapters.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ApiKeyRevocationChannel} on PostgreSQL {@code LISTEN}/{@code NOTIFY}, for deployments without Redis: every
 * instance sharing the database evicts a revoked key from its cache within milliseconds.
 *
 * <p>{@link #publish} sends {@code pg_notify} on an ordinary pooled connection; inside a transaction on the same
 * data source, PostgreSQL delivers it when that transaction commits. The first {@link #subscribe} starts one daemon
 * thread that holds a dedicated connection of the pool, runs {@code LISTEN}, and waits for notifications with
 * {@code PGConnection.getNotifications(timeout)}. A broken connection is replaced after a short pause; messages sent
 * while no connection was listening are lost, which the short lifetime of cache entries bounds. {@link #close()}
 * stops the thread and returns the connection.
 */
public final class PostgresApiKeyRevocationChannel implements ApiKeyRevocationChannel, AutoCloseable {

    /** The notification channel. */
    public static final String CHANNEL = "saaskit_api_key_revoked";

    private static final Log logger = LogFactory.getLog(PostgresApiKeyRevocationChannel.class);

    private static final int POLL_MILLIS = 500;

    /** How often an idle listening connection is checked with a query, to notice a silently dead connection. */
    private static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(30);

    private final DataSource dataSource;

    private final JdbcClient jdbc;

    private final Duration reconnectDelay;

    private final List<Consumer<ApiKeyId>> listeners = new CopyOnWriteArrayList<>();

    private final CountDownLatch listening = new CountDownLatch(1);

    private final Object lifecycle = new Object();

    private @Nullable Thread thread;

    private volatile boolean closed;

    /**
     * Creates a channel that retries a lost listening connection after one second.
     * @param dataSource the shared database
     */
    public PostgresApiKeyRevocationChannel(DataSource dataSource) {
        this(dataSource, Duration.ofSeconds(1));
    }

    /**
     * Creates a channel.
     * @param dataSource the shared database
     * @param reconnectDelay the pause before a lost listening connection is replaced
     */
    public PostgresApiKeyRevocationChannel(DataSource dataSource, Duration reconnectDelay) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.reconnectDelay = Objects.requireNonNull(reconnectDelay, "reconnectDelay");
    }

    @Override
    public void publish(ApiKeyId keyId) {
        this.jdbc.sql("select pg_notify(:channel, :payload)")
                .param("channel", CHANNEL)
                .param("payload", keyId.toString())
                .query().listOfRows();
    }

    @Override
    public void subscribe(Consumer<ApiKeyId> listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
        synchronized (this.lifecycle) {
            if (this.thread == null && !this.closed) {
                Thread started = new Thread(this::run, "saaskit-api-key-revocations");
                started.setDaemon(true);
                this.thread = started;
                started.start();
            }
        }
    }

    /**
     * Waits until the listening connection is established, for callers (and tests) that must not miss a message
     * published right after startup.
     * @param timeout how long to wait
     * @return true when listening
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return this.listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops listening and returns the connection to the pool; {@link #publish} keeps working.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this.lifecycle) {
            this.closed = true;
            running = this.thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!this.closed) {
            try {
                listen();
            }
            catch (SQLException | RuntimeException ex) {
                if (!this.closed) {
                    logger.warn("Lost the connection listening for API key revocations; reconnecting in "
                            + this.reconnectDelay.toMillis() + " ms (revocations from other instances meanwhile "
                            + "take effect when cache entries expire)", ex);
                    pause();
                }
            }
        }
    }

    private void listen() throws SQLException {
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setAutoCommit(true);
            PGConnection postgres = connection.unwrap(PGConnection.class);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            this.listening.countDown();
            try {
                receive(connection, postgres);
            }
            finally {
                unlisten(connection, postgres);
            }
        }
    }

    private void receive(Connection connection, PGConnection postgres) throws SQLException {
        long nextCheck = System.nanoTime() + HEALTH_CHECK_INTERVAL.toNanos();
        while (!this.closed) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    deliver(notification.getParameter());
                }
            }
            if (System.nanoTime() - nextCheck > 0) {
                nextCheck = System.nanoTime() + HEALTH_CHECK_INTERVAL.toNanos();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
            }
        }
    }

    /**
     * Stops listening before the connection goes back to the pool, so its next borrower does not collect
     * notifications nobody reads.
     */
    private static void unlisten(Connection connection, PGConnection postgres) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
            postgres.getNotifications();
        }
        catch (SQLException ex) {
            logger.debug("Could not UNLISTEN on a connection that is going away", ex);
        }
    }

    private void deliver(String payload) {
        Optional<ApiKeyId> id = ApiKeyId.parse(payload);
        if (id.isEmpty()) {
            logger.debug("Ignored a malformed API key revocation message");
            return;
        }
        for (Consumer<ApiKeyId> listener : this.listeners) {
            try {
                listener.accept(id.get());
            }
            catch (RuntimeException ex) {
                logger.warn("An API key revocation listener failed", ex);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(this.reconnectDelay.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.closed = true;
        }
    }

    @Override
    public String toString() {
        return "PostgresApiKeyRevocationChannel[" + CHANNEL + "]";
    }
}
