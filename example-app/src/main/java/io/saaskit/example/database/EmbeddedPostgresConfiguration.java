package io.saaskit.example.database;

import java.io.IOException;
import java.nio.file.Path;

import io.saaskit.example.StartupRefusedException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an embedded PostgreSQL when no database was configured, so the app runs on a machine with only a JDK.
 *
 * <p>Active only when {@link DatabaseEnvironmentPostProcessor} found neither {@code DATABASE_URL} nor
 * {@code spring.datasource.url} (never in production). The data lives in {@code EMBEDDED_DB_DIR}
 * ({@code .saaskit/pgdata} under the working directory by default) and is kept between runs: the directory is
 * initialised once and reused. The server is exposed to Spring Boot as {@link JdbcConnectionDetails}, so Boot's own
 * pooled {@code DataSource} (and {@code DATABASE_POOL_MAX}) applies unchanged. The server stops when the
 * application context closes, after the pool that depends on it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DatabaseEnvironmentPostProcessor.EMBEDDED_PROPERTY)
public class EmbeddedPostgresConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    private static final String USER = "postgres";

    private static final String DATABASE = "postgres";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres saasEmbeddedPostgres(@Value("${saaskit.jdbc.embedded.dir:.saaskit/pgdata}") String directory) {
        Path dataDirectory = Path.of(directory).toAbsolutePath().normalize();
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .start();
        }
        catch (IOException | RuntimeException ex) {
            throw new StartupRefusedException("Could not start the embedded PostgreSQL with its data in "
                    + dataDirectory + ": " + ex.getMessage(), "Check that the directory is writable and not used by "
                    + "another running instance, or set DATABASE_URL to use an existing PostgreSQL server.", ex);
        }
        logger.info("Embedded PostgreSQL started on port {}; its data is kept in {} (set DATABASE_URL to use "
                + "another server)", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean
    JdbcConnectionDetails saasEmbeddedPostgresConnectionDetails(EmbeddedPostgres postgres) {
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        return new JdbcConnectionDetails() {

            @Override
            public String getUsername() {
                return USER;
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return jdbcUrl;
            }
        };
    }
}
