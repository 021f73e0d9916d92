package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcJobQueue;
import io.saaskit.adapters.jdbc.JdbcSchedulerLockStore;
import io.saaskit.adapters.jdbc.testing.TestPostgres;
import io.saaskit.adapters.redis.RedisJobQueue;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobWorker;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.jobs.port.SchedulerLockStore;
import io.saaskit.core.testing.FastPasswordHasher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which job queue {@link SaasJobsAutoConfiguration} picks against a real PostgreSQL and Redis: Redis Streams when
 * Redis is configured, PostgreSQL otherwise (saying so once at startup), and the scheduler's triggers in PostgreSQL
 * either way.
 */
@ExtendWith(OutputCaptureExtension.class)
class SaasJobsAutoConfigurationIT {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static TestPostgres.Database database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class,
                    SaasJdbcAutoConfiguration.class, SaasApiKeyJdbcAutoConfiguration.class,
                    SaasRedisAutoConfiguration.class, SaasJobsAutoConfiguration.class))
            .withBean(DataSource.class, () -> new DelegatingDataSource(database.dataSource()))
            .withBean(PasswordHasher.class, FastPasswordHasher::new)
            .withPropertyValues("saaskit.session.secret=" + SECRET, "saaskit.worker.enabled=false");

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.createDatabase();
    }

    @Test
    void withoutRedisThePostgresQueueIsUsedAndTheFallbackIsLoggedOnce(CapturedOutput output) {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobQueue.class)).isInstanceOf(JdbcJobQueue.class)
                    .isSameAs(context.getBean(JobBroker.class));
            assertThat(context.getBean(SchedulerLockStore.class)).isInstanceOf(JdbcSchedulerLockStore.class);
            JobBroker broker = context.getBean(JobBroker.class);
            broker.enqueue(new JobRequest(JobRequest.MAINTENANCE, "probe", "{}"));
            assertThat(broker.claim(10, Duration.ofMinutes(1))).extracting((job) -> job.job().type())
                    .contains("probe");
        });
        assertThat(output.getOut().split(RateLimitStoreSelection.REDIS_NOT_CONFIGURED, -1)).hasSize(2);
    }

    @Test
    void withAnInProcessRateLimiterTheQueueStillSaysItStandsInForRedis(CapturedOutput output) {
        this.runner.withPropertyValues("saaskit.rate-limit.store=memory").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobQueue.class)).isInstanceOf(JdbcJobQueue.class);
        });
        assertThat(output.getOut().split(RateLimitStoreSelection.REDIS_NOT_CONFIGURED, -1)).hasSize(2);
    }

    @Test
    void withRedisTheRedisQueueIsUsed(CapturedOutput output) {
        this.runner.withPropertyValues("saaskit.redis.url=" + TestRedis.url(),
                "saaskit.redis.key-prefix=" + TestRedis.uniquePrefix()).run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(JobQueue.class)).isInstanceOf(RedisJobQueue.class);
                    assertThat(context).doesNotHaveBean(JdbcJobQueue.class);
                    assertThat(context.getBean(SchedulerLockStore.class)).isInstanceOf(JdbcSchedulerLockStore.class);
                    JobBroker broker = context.getBean(JobBroker.class);
                    broker.enqueue(new JobRequest(JobRequest.MAINTENANCE, "probe", "{}"));
                    assertThat(broker.claim(10, Duration.ofMinutes(1))).singleElement()
                            .satisfies((job) -> assertThat(job.job().type()).isEqualTo("probe"));
                });
        assertThat(output.getOut()).doesNotContain(RateLimitStoreSelection.REDIS_NOT_CONFIGURED)
                .contains("Using the Redis job queue");
    }

    @Test
    void theWorkerRunsOnTheSelectedQueue() {
        this.runner.withPropertyValues("saaskit.worker.enabled=true").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobWorker.class).isRunning()).isTrue();
            assertThat(context.getBean(JobWorker.class).types()).contains("session-cleanup");
        });
    }
}
