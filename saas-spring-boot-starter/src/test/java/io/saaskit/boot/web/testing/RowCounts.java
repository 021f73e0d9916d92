package io.saaskit.boot.web.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Counts the rows of saaskit's tables, so a test can prove that a refused request wrote nothing.
 */
public final class RowCounts {

    private static final List<String> TABLES = List.of("app_user", "organization", "membership", "session", "api_key",
            "audit_log", "usage_event", "scim_token", "subscription", "stripe_event");

    private RowCounts() {
    }

    /**
     * The row count of every table.
     * @param dataSource the database
     * @return table name to row count
     */
    public static Map<String, Long> of(DataSource dataSource) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        return counts;
    }
}
