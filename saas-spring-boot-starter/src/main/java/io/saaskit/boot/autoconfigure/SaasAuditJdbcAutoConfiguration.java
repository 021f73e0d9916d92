package io.saaskit.boot.autoconfigure;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcAuditLog;
import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.core.audit.port.AuditLog;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;

/**
 * Auto-configuration of the PostgreSQL {@link AuditLog}: keyset reads of {@code audit_log}, the {@code audit_chain}
 * state and retention deletes. The matching {@code AuditSink} comes from {@link SaasApiKeyJdbcAutoConfiguration}.
 *
 * <p>Active under the same conditions as {@link SaasJdbcAutoConfiguration} and before
 * {@link SaasAuditAutoConfiguration}; backs off when the application defines its own {@link AuditLog}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, SaasJdbcAutoConfiguration.class },
        before = SaasAuditAutoConfiguration.class)
@ConditionalOnClass(JdbcAuditLog.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "saaskit.jdbc", name = "enabled", matchIfMissing = true)
public final class SaasAuditJdbcAutoConfiguration {

    @Bean
    @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(AuditLog.class)
    JdbcAuditLog saasAuditLog(DataSource dataSource, JdbcSettings settings) {
        return new JdbcAuditLog(dataSource, settings);
    }
}
