package io.saaskit.boot.jobs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.saaskit.adapters.jdbc.JdbcJobQueue;
import io.saaskit.adapters.redis.RedisConnections;
import io.saaskit.adapters.redis.RedisJobQueue;
import io.saaskit.adapters.redis.RedisSettings;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.jobs.JobListener;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.JobWorker;
import io.saaskit.core.jobs.WorkerSettings;
import io.saaskit.core.jobs.port.JobBroker;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A worker process for {@link WorkerCrashIT}: runs a {@link JobWorker} (5 jobs in parallel, 2 s leases) on the
 * PostgreSQL or Redis queue, with an idempotent handler that records each job's effect in PostgreSQL, until it is
 * killed.
 *
 * <p>Arguments: {@code jdbc|redis}, JDBC URL, user, password, and for Redis its URL and key prefix.
 */
public final class CrashTestWorker {

    /** The job type the handler runs. */
    static final String TYPE = "crash-test";

    /** The lease of the child worker; a killed worker's jobs come back after it. */
    static final Duration LEASE = Duration.ofSeconds(2);

    private CrashTestWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[1]);
        config.setUsername(args[2]);
        config.setPassword(args[3]);
        config.setMaximumPoolSize(8);
        HikariDataSource dataSource = new HikariDataSource(config);
        JobRetryPolicy retry = JobRetryPolicy.defaults();
        JobBroker broker = "redis".equals(args[0])
                ? new RedisJobQueue(new RedisConnections(new RedisSettings(URI.create(args[4]), args[5])),
                        Clock.systemUTC(), retry)
                : new JdbcJobQueue(dataSource, Clock.systemUTC(), retry);
        JobWorker worker = new JobWorker(broker, List.of(new EffectHandler(dataSource)), JobListener.NONE,
                Clock.systemUTC(), new WorkerSettings(5, LEASE, Duration.ofMillis(50)));
        worker.start();
        Thread.currentThread().join();
    }

    /**
     * Applies a job's effect once: records the delivery, then, in one transaction, inserts the job's key and adds
     * one to the total only when the key was new.
     */
    private static final class EffectHandler implements JobHandler {

        private final JdbcClient jdbc;
        private final TransactionTemplate transactions;

        EffectHandler(HikariDataSource dataSource) {
            this.jdbc = JdbcClient.create(dataSource);
            this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void handle(Job job) {
            this.jdbc.sql("insert into crash_delivery (payload) values (:payload)").param("payload", job.payload())
                    .update();
            this.transactions.executeWithoutResult((status) -> {
                int inserted = this.jdbc.sql("insert into crash_effect (payload) values (:payload) "
                        + "on conflict (payload) do nothing").param("payload", job.payload()).update();
                if (inserted == 1) {
                    this.jdbc.sql("update crash_total set total = total + 1").update();
                }
            });
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
