package io.saaskit.adapters.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresIT {

    @Test
    void createsDistinctEmptyDatabasesOnAReachableServer() throws SQLException {
        TestPostgres.Database first = TestPostgres.createDatabase();
        TestPostgres.Database second = TestPostgres.createDatabase();

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (Connection connection = first.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table probe (id int)");
            try (ResultSet result = statement.executeQuery("select current_database(), current_user")) {
                assertThat(result.next()).isTrue();
                assertThat(first.jdbcUrl()).contains(result.getString(1));
                assertThat(result.getString(2)).isEqualTo(first.username());
            }
        }
        try (Connection connection = second.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select count(*) from pg_tables where tablename = 'probe'")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isZero();
        }
    }
}
