package io.saaskit.boot.autoconfigure;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcDirectoryRepository;
import io.saaskit.adapters.jdbc.JdbcScimTokenRepository;
import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.provisioning.port.ScimTokenRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;

/**
 * Auto-configuration of the PostgreSQL implementations of the provisioning ports: the directory (SCIM searches
 * compiled to parameterised SQL over {@code membership} and {@code app_user}) and the {@code scim_token} table.
 *
 * <p>Active under the same conditions as {@link SaasJdbcAutoConfiguration} (the adapter jar, one {@code DataSource},
 * {@code saaskit.jdbc.enabled} not false), after it (its settings and migrations) and before
 * {@link SaasScimAutoConfiguration}. Every bean backs off when the application defines its own implementation.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, SaasJdbcAutoConfiguration.class },
        before = SaasScimAutoConfiguration.class)
@ConditionalOnClass(JdbcDirectoryRepository.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "saaskit.jdbc", name = "enabled", matchIfMissing = true)
public final class SaasScimJdbcAutoConfiguration {

    @Bean
    @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(DirectoryRepository.class)
    JdbcDirectoryRepository saasDirectoryRepository(DataSource dataSource, JdbcSettings settings) {
        return new JdbcDirectoryRepository(dataSource, settings);
    }

    @Bean
    @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(ScimTokenRepository.class)
    JdbcScimTokenRepository saasScimTokenRepository(DataSource dataSource, JdbcSettings settings) {
        return new JdbcScimTokenRepository(dataSource, settings);
    }
}
