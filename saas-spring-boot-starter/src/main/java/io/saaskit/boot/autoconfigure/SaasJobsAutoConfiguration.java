package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcJobQueue;
import io.saaskit.adapters.jdbc.JdbcRateLimiter;
import io.saaskit.adapters.jdbc.JdbcWriteGate;
import io.saaskit.adapters.jdbc.JdbcSchedulerLockStore;
import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.adapters.redis.RedisConnections;
import io.saaskit.adapters.redis.RedisJobQueue;
import io.saaskit.boot.jobs.CronJobSchedule;
import io.saaskit.boot.jobs.ExpiredRowsPurge;
import io.saaskit.boot.jobs.JobSchedulerLifecycle;
import io.saaskit.boot.jobs.JobWorkerLifecycle;
import io.saaskit.boot.jobs.LoggingJobListener;
import io.saaskit.boot.jobs.SessionCleanupJobHandler;
import io.saaskit.boot.jobs.UsageRollupJobHandler;
import io.saaskit.core.identity.SessionService;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.jobs.JobListener;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.JobScheduler;
import io.saaskit.core.jobs.JobWorker;
import io.saaskit.core.jobs.ScheduledJob;
import io.saaskit.core.jobs.WorkerSettings;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.jobs.port.SchedulerLockStore;
import io.saaskit.core.metering.UsageRollupService;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of background jobs: the job queue, the worker that runs the {@link JobHandler} beans, the
 * scheduler that enqueues the {@link ScheduledJob} beans, and saaskit's own jobs ({@code usage-rollup} daily,
 * {@code session-cleanup} hourly).
 *
 * <p>The queue ({@link JobQueue}, and the worker's side {@link JobBroker}) comes, first match wins, from the
 * application, from Redis Streams when Redis is configured, or from PostgreSQL ({@code FOR UPDATE SKIP LOCKED}),
 * which also keeps the scheduler's triggers ({@link SchedulerLockStore}). An application that defines only a
 * {@link JobQueue} (not a {@link JobBroker}) gets no worker.
 *
 * <p>The worker and the scheduler run unless {@code saaskit.worker.enabled=false} (an API-only process). The worker
 * collects every {@link JobHandler} bean, one per job type; the scheduler every {@link ScheduledJob} bean, each
 * triggering once per schedule across all instances. On shutdown the worker stops claiming, waits for running jobs
 * within {@code saaskit.shutdown-timeout}, and returns the rest to their queue.
 */
@AutoConfiguration(after = { SaasRedisAutoConfiguration.class, SaasJdbcAutoConfiguration.class,
        SaasCoreAutoConfiguration.class, SaasMeteringAutoConfiguration.class })
@EnableConfigurationProperties({ SaasWorkerProperties.class, SaasShutdownProperties.class,
        SaasRateLimitProperties.class })
public final class SaasJobsAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(SaasJobsAutoConfiguration.class);

    static final String WORKER_ENABLED = "saaskit.worker.enabled";

    @Bean
    @ConditionalOnMissingBean(JobRetryPolicy.class)
    JobRetryPolicy saasJobRetryPolicy(SaasWorkerProperties worker) {
        try {
            return new JobRetryPolicy(worker.maxAttempts(), worker.retryDelay(), worker.maxRetryDelay());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSaasPropertyException("saaskit.worker.max-attempts", ex.getMessage(),
                    "Set saaskit.worker.max-attempts to at least 1, saaskit.worker.retry-delay to a positive "
                            + "duration and saaskit.worker.max-retry-delay to no less than it.");
        }
    }

    @Bean
    @ConditionalOnMissingBean(JobListener.class)
    LoggingJobListener saasJobListener() {
        return new LoggingJobListener();
    }

    @Bean
    @ConditionalOnBean(JobBroker.class)
    @ConditionalOnBooleanProperty(name = WORKER_ENABLED, matchIfMissing = true)
    @ConditionalOnMissingBean(JobWorker.class)
    JobWorker saasJobWorker(JobBroker broker, ObjectProvider<JobHandler> handlers, JobListener listener, Clock clock,
            SaasWorkerProperties worker) {
        WorkerSettings settings;
        try {
            settings = new WorkerSettings(worker.concurrency(), worker.lease(), worker.pollInterval());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSaasPropertyException("saaskit.worker.concurrency", ex.getMessage(),
                    "Set saaskit.worker.concurrency (WORKER_CONCURRENCY) to at least 1, saaskit.worker.lease to at "
                            + "least a few seconds and saaskit.worker.poll-interval to a positive duration.");
        }
        try {
            return new JobWorker(broker, handlers.orderedStream().toList(), listener, clock, settings);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("saaskit worker: " + ex.getMessage()
                    + "; define at most one JobHandler bean per job type", ex);
        }
    }

    @Bean
    @ConditionalOnBean(JobWorker.class)
    JobWorkerLifecycle saasJobWorkerLifecycle(JobWorker worker, SaasShutdownProperties shutdown) {
        return new JobWorkerLifecycle(worker, shutdown.shutdownTimeout());
    }

    @Bean
    @ConditionalOnBean({ SchedulerLockStore.class, JobQueue.class, TransactionRunner.class })
    @ConditionalOnBooleanProperty(name = WORKER_ENABLED, matchIfMissing = true)
    @ConditionalOnMissingBean(JobScheduler.class)
    JobScheduler saasJobScheduler(ObjectProvider<ScheduledJob> jobs, SchedulerLockStore locks, JobQueue queue,
            TransactionRunner transactions, Clock clock) {
        return new JobScheduler(jobs.orderedStream().toList(), locks, queue, transactions, clock);
    }

    @Bean
    @ConditionalOnBean(JobScheduler.class)
    JobSchedulerLifecycle saasJobSchedulerLifecycle(JobScheduler scheduler, SaasWorkerProperties worker) {
        return new JobSchedulerLifecycle(scheduler, worker.schedulerInterval());
    }

    /** saaskit's own jobs, run where the worker runs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = WORKER_ENABLED, matchIfMissing = true)
    static class SaasJobsConfiguration {

        @Bean
        @ConditionalOnBean(UsageEventStore.class)
        @ConditionalOnMissingBean(UsageRollupService.class)
        UsageRollupService saasUsageRollupService(UsageEventStore events, Clock clock) {
            return new UsageRollupService(events, clock);
        }

        @Bean
        @ConditionalOnBean(UsageEventStore.class)
        @ConditionalOnMissingBean(UsageRollupJobHandler.class)
        UsageRollupJobHandler saasUsageRollupJobHandler(UsageRollupService rollups) {
            return new UsageRollupJobHandler(rollups);
        }

        @Bean
        @ConditionalOnBean(UsageEventStore.class)
        ScheduledJob saasUsageRollupSchedule(SaasWorkerProperties worker) {
            return new ScheduledJob(UsageRollupJobHandler.TYPE,
                    cron("saaskit.worker.cron.usage-rollup", worker.cron().usageRollup()),
                    UsageRollupJobHandler.YESTERDAY);
        }

        @Bean
        @ConditionalOnBean(SessionService.class)
        @ConditionalOnMissingBean(SessionCleanupJobHandler.class)
        SessionCleanupJobHandler saasSessionCleanupJobHandler(SessionService sessions,
                ObjectProvider<ExpiredRowsPurge> purges, Clock clock) {
            return new SessionCleanupJobHandler(sessions, purges.orderedStream().toList(), clock);
        }

        @Bean
        @ConditionalOnBean(SessionService.class)
        ScheduledJob saasSessionCleanupSchedule(SaasWorkerProperties worker) {
            return new ScheduledJob(SessionCleanupJobHandler.TYPE,
                    cron("saaskit.worker.cron.session-cleanup", worker.cron().sessionCleanup()),
                    SessionCleanupJobHandler.REQUEST);
        }
    }

    /**
     * A cron schedule from a property, failing startup with the property's name when the expression is invalid.
     * @param property the property
     * @param expression its value
     * @return the schedule
     */
    static CronJobSchedule cron(String property, String expression) {
        try {
            return CronJobSchedule.of(expression);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSaasPropertyException(property, "is not a valid cron expression",
                    "Use six fields, seconds first, for example 0 0 2 * * * (every day at 02:00 UTC).");
        }
    }

    /** The Redis job queue, when Redis is configured. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisJobQueue.class)
    @ConditionalOnBean(RedisConnections.class)
    static class RedisJobsConfiguration {

        @Bean
        @ConditionalOnMissingBean({ JobQueue.class, JobBroker.class })
        RedisJobQueue saasJobQueue(RedisConnections connections, Clock clock, JobRetryPolicy retry) {
            logger.info("Using the Redis job queue");
            return new RedisJobQueue(connections, clock, retry);
        }
    }

    /** The PostgreSQL job queue when Redis is absent, and the scheduler's trigger store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcJobQueue.class)
    @ConditionalOnBean(JdbcSettings.class)
    static class JdbcJobsConfiguration {

        @Bean
        @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
        @ConditionalOnMissingBean(type = "io.saaskit.adapters.redis.RedisConnections",
                value = { JobQueue.class, JobBroker.class })
        JdbcJobQueue saasJdbcJobQueue(DataSource dataSource, Clock clock, JobRetryPolicy retry,
                ObjectProvider<RateLimiter> rateLimiter, Environment environment) {
            // The rate-limit store selection already said so when it chose PostgreSQL for the same reason.
            if (!(rateLimiter.getIfAvailable() instanceof JdbcRateLimiter)) {
                RateLimitStoreSelection.postgresChosen(environment);
            }
            logger.info("Using the PostgreSQL job queue");
            return new JdbcJobQueue(dataSource, clock, retry);
        }

        @Bean
        @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
        @ConditionalOnMissingBean(SchedulerLockStore.class)
        JdbcSchedulerLockStore saasSchedulerLockStore(DataSource dataSource, Clock clock) {
            return new JdbcSchedulerLockStore(dataSource, clock);
        }

        @Bean
        ExpiredRowsPurge saasRateLimitBucketPurge(ObjectProvider<RateLimiter> rateLimiter) {
            return new ExpiredRowsPurge() {

                @Override
                public String description() {
                    return "rate-limit buckets";
                }

                @Override
                public int deleteExpired(Instant now) {
                    return (rateLimiter.getIfAvailable() instanceof JdbcRateLimiter buckets)
                            ? buckets.deleteExpired(now) : 0;
                }
            };
        }

        @Bean
        ExpiredRowsPurge saasWriteGatePurge(ObjectProvider<WriteGate> gate) {
            return new ExpiredRowsPurge() {

                @Override
                public String description() {
                    return "write gates";
                }

                @Override
                public int deleteExpired(Instant now) {
                    return (gate.getIfAvailable() instanceof JdbcWriteGate gates) ? gates.deleteExpired(now) : 0;
                }
            };
        }
    }
}
