package io.saaskit.example.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.testing.TestPostgres;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh, empty PostgreSQL database for one test class, with its address in each {@code DATABASE_URL} form the app
 * accepts.
 *
 * @param database the database created by {@link TestPostgres}
 */
public record TestDatabase(TestPostgres.Database database) {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    /**
     * Creates a new database on the test server.
     * @return the database
     */
    public static TestDatabase create() {
        return new TestDatabase(TestPostgres.createDatabase());
    }

    /**
     * The {@code jdbc:postgresql://} form, with the credentials as query parameters.
     * @return the URL
     */
    public String jdbcUrl() {
        String url = this.database.jdbcUrl();
        StringBuilder result = new StringBuilder(url).append(url.contains("?") ? '&' : '?').append("user=")
                .append(encode(this.database.username()));
        if (!this.database.password().isEmpty()) {
            result.append("&password=").append(encode(this.database.password()));
        }
        return result.toString();
    }

    /**
     * The libpq form {@code postgres://user[:password]@host:port/database[?parameters]} that hosting platforms
     * hand out, with the credentials percent-encoded.
     * @return the URL
     */
    public String postgresUrl() {
        String location = this.database.jdbcUrl().substring(JDBC_PREFIX.length());
        StringBuilder result = new StringBuilder("postgres://").append(encode(this.database.username()));
        if (!this.database.password().isEmpty()) {
            result.append(':').append(encode(this.database.password()));
        }
        return result.append('@').append(location).toString();
    }

    /**
     * A pool on the database, for checks the API does not show.
     * @return the data source
     */
    public DataSource dataSource() {
        return this.database.dataSource();
    }

    /**
     * Runs a count query against the database.
     * @param sql a query returning one number
     * @param arguments its parameters
     * @return the number
     */
    public long count(String sql, Object... arguments) {
        Long count = new JdbcTemplate(dataSource()).queryForObject(sql, Long.class, arguments);
        return (count != null) ? count : 0;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
