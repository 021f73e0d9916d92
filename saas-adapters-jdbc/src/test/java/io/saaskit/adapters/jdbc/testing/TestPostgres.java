package io.saaskit.adapters.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Gives every integration test its own, freshly created and empty PostgreSQL database, so tests never see each
 * other's rows or schema history and can run against one shared server.
 *
 * <p>The server is the one named by the environment variable {@code SAASKIT_TEST_DATABASE_URL} (a JDBC URL such as
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}, or {@code postgres://user:pass@host:port/db}); the
 * database in that URL is only used to issue {@code CREATE DATABASE}. Without the variable, one embedded PostgreSQL
 * (io.zonky) is started lazily and kept for the lifetime of the JVM, so {@code ./mvnw verify} works on a machine with
 * only a JDK. If neither is reachable, {@link #createDatabase()} throws: a test without its database must fail, never
 * skip.
 */
public final class TestPostgres {

    /** Environment variable naming an existing PostgreSQL server to use instead of the embedded one. */
    public static final String DATABASE_URL_VARIABLE = "SAASKIT_TEST_DATABASE_URL";

    private static final int MAXIMUM_POOL_SIZE = 4;

    private static @Nullable Server server;

    private TestPostgres() {
    }

    /**
     * A freshly created, uniquely named, empty database.
     *
     * @param jdbcUrl    JDBC URL of the database, without credentials
     * @param username   user to connect as (a superuser of the test server)
     * @param password   that user's password, empty when the server does not need one
     * @param dataSource a small connection pool on the database, closed when the JVM exits
     */
    public record Database(String jdbcUrl, String username, String password, DataSource dataSource) {

        @Override
        public String toString() {
            return "Database[jdbcUrl=" + this.jdbcUrl + ", username=" + this.username + "]";
        }
    }

    /**
     * Creates a new empty database on the test server (starting the embedded server on first use).
     *
     * @return the database with its connection details and a pooled data source
     * @throws IllegalStateException when no PostgreSQL server can be reached or the database cannot be created
     */
    public static Database createDatabase() {
        return server().createDatabase();
    }

    private static synchronized Server server() {
        Server current = server;
        if (current == null) {
            current = startServer();
            server = current;
            Server toStop = current;
            Runtime.getRuntime().addShutdownHook(new Thread(toStop::stop, "test-postgres-shutdown"));
        }
        return current;
    }

    private static Server startServer() {
        String configured = System.getenv(DATABASE_URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return ServerAddress.parse(configured.trim()).connectAsExternal();
        }
        return EmbeddedServer.start();
    }

    /** Where a server is and how to log in, parsed from either supported URL form. */
    private record ServerAddress(String hostAndPort, String database, String username, String password,
                                 Map<String, String> parameters) {

        static ServerAddress parse(String url) {
            if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
                return parseUri(URI.create(url));
            }
            if (url.startsWith("jdbc:postgresql://")) {
                return parseJdbc(url.substring("jdbc:postgresql://".length()));
            }
            throw new IllegalStateException(DATABASE_URL_VARIABLE
                    + " must be a jdbc:postgresql:// or postgres:// URL");
        }

        private static ServerAddress parseUri(URI uri) {
            String username = "postgres";
            String password = "";
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            }
            Map<String, String> parameters = parseQuery(uri.getRawQuery());
            String path = uri.getRawPath();
            String database = path == null || path.length() <= 1 ? "postgres" : decode(path.substring(1));
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            return withCredentialsFromParameters(host + ":" + port, database, username, password, parameters);
        }

        private static ServerAddress parseJdbc(String rest) {
            int query = rest.indexOf('?');
            String location = query < 0 ? rest : rest.substring(0, query);
            Map<String, String> parameters = parseQuery(query < 0 ? null : rest.substring(query + 1));
            int slash = location.indexOf('/');
            String hostAndPort = slash < 0 ? location : location.substring(0, slash);
            String database = slash < 0 || slash == location.length() - 1 ? "postgres" : location.substring(slash + 1);
            String defaultUser = System.getProperty("user.name", "postgres");
            return withCredentialsFromParameters(hostAndPort.isEmpty() ? "localhost:5432" : hostAndPort,
                    decode(database), defaultUser, "", parameters);
        }

        private static ServerAddress withCredentialsFromParameters(String hostAndPort, String database,
                                                                   String username, String password,
                                                                   Map<String, String> parameters) {
            Map<String, String> rest = new LinkedHashMap<>(parameters);
            String user = rest.remove("user");
            String pass = rest.remove("password");
            return new ServerAddress(hostAndPort, database, user == null ? username : user,
                    pass == null ? password : pass, rest);
        }

        private static Map<String, String> parseQuery(@Nullable String query) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (query == null || query.isEmpty()) {
                return parameters;
            }
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.put(key, value);
            }
            return parameters;
        }

        private static String decode(String value) {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }

        String jdbcUrl(String databaseName) {
            StringBuilder url = new StringBuilder("jdbc:postgresql://").append(this.hostAndPort).append('/')
                    .append(databaseName);
            char separator = '?';
            for (Map.Entry<String, String> parameter : this.parameters.entrySet()) {
                url.append(separator).append(encode(parameter.getKey())).append('=')
                        .append(encode(parameter.getValue()));
                separator = '&';
            }
            return url.toString();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        Server connectAsExternal() {
            Server external = new Server(this, () -> { });
            try (Connection connection = external.connect(this.database)) {
                if (!connection.isValid(5)) {
                    throw new SQLException("connection is not usable");
                }
                return external;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot connect to the PostgreSQL server in " + DATABASE_URL_VARIABLE
                        + " (" + jdbcUrl(this.database) + "): " + e.getMessage(), e);
            }
        }
    }

    /** Starts the embedded PostgreSQL used when no external server is configured. */
    private static final class EmbeddedServer {

        private EmbeddedServer() {
        }

        static Server start() {
            EmbeddedPostgres postgres;
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Cannot start the embedded PostgreSQL and " + DATABASE_URL_VARIABLE
                        + " is not set: " + e.getMessage(), e);
            }
            ServerAddress address = new ServerAddress("localhost:" + postgres.getPort(), "postgres", "postgres", "",
                    Map.of());
            return new Server(address, () -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is exiting; the data directory is temporary
                }
            });
        }
    }

    /** A reachable server plus what must be cleaned up when the JVM exits. */
    private static final class Server {

        private final ServerAddress address;
        private final Runnable shutdown;
        private final List<HikariDataSource> pools = new ArrayList<>();
        private final List<String> databases = new ArrayList<>();

        Server(ServerAddress address, Runnable shutdown) {
            this.address = address;
            this.shutdown = shutdown;
        }

        Connection connect(String database) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", this.address.username());
            if (!this.address.password().isEmpty()) {
                properties.setProperty("password", this.address.password());
            }
            return DriverManager.getConnection(this.address.jdbcUrl(database), properties);
        }

        synchronized Database createDatabase() {
            String name = "saaskit_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
            try (Connection connection = connect(this.address.database());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
            }
            this.databases.add(name);
            String jdbcUrl = this.address.jdbcUrl(name);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(this.address.username());
            if (!this.address.password().isEmpty()) {
                config.setPassword(this.address.password());
            }
            config.setMaximumPoolSize(MAXIMUM_POOL_SIZE);
            config.setMinimumIdle(0);
            config.setIdleTimeout(10_000);
            config.setPoolName(name);
            HikariDataSource pool = new HikariDataSource(config);
            this.pools.add(pool);
            return new Database(jdbcUrl, this.address.username(), this.address.password(), pool);
        }

        synchronized void stop() {
            this.pools.forEach(HikariDataSource::close);
            try (Connection connection = connect(this.address.database());
                 Statement statement = connection.createStatement()) {
                for (String database : this.databases) {
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                // best effort: leftover databases are harmless and uniquely named
            }
            this.shutdown.run();
        }
    }
}
