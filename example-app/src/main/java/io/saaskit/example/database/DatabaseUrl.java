package io.saaskit.example.database;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL connection read from {@code DATABASE_URL}, turned into what a JDBC pool needs.
 *
 * <p>Hosting platforms and the original product hand out libpq-style URLs
 * ({@code postgres://user:pass@host:5432/db?sslmode=require}), which the JDBC driver does not understand; Java
 * tooling hands out {@code jdbc:postgresql://} URLs. Both are accepted so the same variable works everywhere. In the
 * libpq form the user name and password are percent-decoded and moved out of the URL, and every query parameter is
 * kept as it is (the driver understands {@code sslmode}, {@code user}, {@code password} and most others). A JDBC URL
 * is used unchanged. Host names are not validated beyond being non-empty, so multi-host lists
 * ({@code host1:5432,host2:5432}) and IPv6 literals pass through.
 *
 * @param jdbcUrl the {@code jdbc:postgresql://} URL, without credentials taken from the user-info part
 * @param username the user from the URL's user-info part, or {@code null} when the URL has none
 * @param password the password from the URL's user-info part, or {@code null} when the URL has none
 */
public record DatabaseUrl(String jdbcUrl, @Nullable String username, @Nullable String password) {

    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * Parses a {@code postgres://}, {@code postgresql://} or {@code jdbc:postgresql:} URL.
     * @param url the value of {@code DATABASE_URL}, surrounding blanks ignored
     * @return the connection
     * @throws IllegalArgumentException when the URL has another scheme or no host; the message never repeats the
     * URL, which may hold a password
     */
    public static DatabaseUrl parse(String url) {
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(JDBC_PREFIX)) {
            return new DatabaseUrl(trimmed, null, null);
        }
        for (String scheme : new String[] { "postgres://", "postgresql://" }) {
            if (lower.startsWith(scheme)) {
                return parseLibpq(trimmed.substring(scheme.length()));
            }
        }
        throw new IllegalArgumentException(
                "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql://");
    }

    private static DatabaseUrl parseLibpq(String rest) {
        int authorityEnd = indexOfAny(rest, '/', '?');
        String authority = (authorityEnd < 0) ? rest : rest.substring(0, authorityEnd);
        String pathAndQuery = (authorityEnd < 0) ? "" : rest.substring(authorityEnd);
        String username = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        String hosts = authority.substring(at + 1);
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            username = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
            password = (colon < 0) ? null : decode(userInfo.substring(colon + 1));
            if (username.isEmpty()) {
                username = null;
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL has no host (expected postgres://user:pass@host:port/db)");
        }
        int queryStart = pathAndQuery.indexOf('?');
        String path = (queryStart < 0) ? pathAndQuery : pathAndQuery.substring(0, queryStart);
        String query = (queryStart < 0) ? "" : pathAndQuery.substring(queryStart + 1);
        String database = path.startsWith("/") ? path.substring(1) : path;
        StringBuilder jdbcUrl = new StringBuilder(JDBC_PREFIX).append("//").append(hosts).append('/')
                .append(database);
        if (!query.isEmpty()) {
            jdbcUrl.append('?').append(query);
        }
        return new DatabaseUrl(jdbcUrl.toString(), username, password);
    }

    private static int indexOfAny(String text, char first, char second) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == first || c == second) {
                return i;
            }
        }
        return -1;
    }

    // Percent-decoding only: in a URL's user-info a '+' is a plus sign, not a space.
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[jdbcUrl=" + redactedJdbcUrl() + ", username=" + this.username + ", password="
                + ((this.password != null) ? "******" : "null") + "]";
    }

    private String redactedJdbcUrl() {
        return this.jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1******");
    }
}
