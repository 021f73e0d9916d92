package io.saaskit.boot.autoconfigure;

import java.time.Clock;

import io.saaskit.core.audit.AuditRetentionJobHandler;
import io.saaskit.core.audit.AuditService;
import io.saaskit.core.audit.AuditSettings;
import io.saaskit.core.audit.port.AuditLog;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.ScheduledJob;
import io.saaskit.core.ratelimit.AuditExportRateLimitService;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.port.TransactionRunner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the audit log's services: reading, export, verification and retention
 * ({@link AuditService}), the export rate limit, and the {@code audit-retention} job handler.
 *
 * <p>The store ports ({@link AuditSink}, {@link AuditLog}) come from an adapter auto-configuration (the PostgreSQL
 * one by default) or from the application. The retention handler logs every organization's chain head, so heads are
 * also kept outside the database; the worker's scheduler runs it daily ({@code saaskit.worker.cron.audit-retention}).
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class,
        afterName = { "io.saaskit.boot.autoconfigure.SaasRedisAutoConfiguration",
                "io.saaskit.boot.autoconfigure.SaasJdbcAutoConfiguration" })
@EnableConfigurationProperties(SaasAuditProperties.class)
public final class SaasAuditAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(SaasAuditAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(AuditSettings.class)
    AuditSettings saasAuditSettings(SaasAuditProperties audit) {
        return new AuditSettings(audit.retention(), audit.export().limit(), audit.export().window());
    }

    @Bean
    @ConditionalOnMissingBean(AuditService.class)
    AuditService saasAuditService(AuditLog log, AuditSink sink, TransactionRunner transactions, Clock clock,
            AuditSettings settings) {
        return new AuditService(log, sink, transactions, clock, settings);
    }

    @Bean
    @ConditionalOnMissingBean(AuditExportRateLimitService.class)
    AuditExportRateLimitService saasAuditExportRateLimitService(RateLimiter limiter, AuditSettings settings) {
        return new AuditExportRateLimitService(limiter, new RateLimitRule(AuditExportRateLimitService.SCOPE,
                settings.exportsPerWindow(), settings.exportWindow()));
    }

    @Bean
    @ConditionalOnMissingBean(AuditRetentionJobHandler.class)
    AuditRetentionJobHandler saasAuditRetentionJobHandler(AuditService audit) {
        return new AuditRetentionJobHandler(audit, (result) -> logger.info(
                "Audit retention for org {}: removed {} rows; anchor {}; chain head {}", result.orgId(),
                result.deleted(), result.anchor().header(), result.head().header()));
    }

    /** The daily retention run, scheduled where the worker runs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = SaasJobsAutoConfiguration.WORKER_ENABLED, matchIfMissing = true)
    @EnableConfigurationProperties(SaasWorkerProperties.class)
    static class SaasAuditRetentionScheduleConfiguration {

        @Bean
        ScheduledJob saasAuditRetentionSchedule(SaasWorkerProperties worker) {
            return new ScheduledJob(AuditRetentionJobHandler.TYPE,
                    SaasJobsAutoConfiguration.cron("saaskit.worker.cron.audit-retention",
                            worker.cron().auditRetention()),
                    new JobRequest(JobRequest.MAINTENANCE, AuditRetentionJobHandler.TYPE, "{}"));
        }
    }
}
