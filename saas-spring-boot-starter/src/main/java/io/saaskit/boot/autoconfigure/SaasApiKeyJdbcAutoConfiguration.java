package io.saaskit.boot.autoconfigure;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcApiKeyRepository;
import io.saaskit.adapters.jdbc.JdbcAuditSink;
import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.adapters.jdbc.PostgresApiKeyRevocationChannel;
import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import io.saaskit.core.audit.port.AuditSink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;

/**
 * Auto-configuration of the PostgreSQL implementations of the API-key and audit ports: the {@code api_key} and
 * {@code audit_log} repositories, and revocation messages over {@code LISTEN}/{@code NOTIFY}.
 *
 * <p>Active under the same conditions as {@link SaasJdbcAutoConfiguration} (the adapter jar, one {@code DataSource},
 * {@code saaskit.jdbc.enabled} not false), after it (its settings and migrations) and before
 * {@link SaasApiKeyAutoConfiguration}, which falls back to an in-process revocation channel. It runs after the
 * Redis auto-configuration, so when Redis is configured its pub/sub channel is the one in use and the PostgreSQL
 * channel backs off. Every bean backs off when the application defines its own implementation of the port.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, SaasJdbcAutoConfiguration.class },
        afterName = "io.saaskit.boot.autoconfigure.SaasRedisAutoConfiguration",
        before = SaasApiKeyAutoConfiguration.class)
@ConditionalOnClass(JdbcApiKeyRepository.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "saaskit.jdbc", name = "enabled", matchIfMissing = true)
public final class SaasApiKeyJdbcAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(SaasApiKeyJdbcAutoConfiguration.class);

    @Bean
    @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(ApiKeyRepository.class)
    JdbcApiKeyRepository saasApiKeyRepository(DataSource dataSource, JdbcSettings settings) {
        return new JdbcApiKeyRepository(dataSource, settings);
    }

    @Bean
    @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(AuditSink.class)
    JdbcAuditSink saasAuditSink(DataSource dataSource, JdbcSettings settings) {
        return new JdbcAuditSink(dataSource, settings);
    }

    @Bean
    @ConditionalOnMissingBean(ApiKeyRevocationChannel.class)
    PostgresApiKeyRevocationChannel saasPostgresApiKeyRevocationChannel(DataSource dataSource) {
        logger.info("API key revocations reach other instances through PostgreSQL LISTEN/NOTIFY (no Redis configured)");
        return new PostgresApiKeyRevocationChannel(dataSource);
    }
}
