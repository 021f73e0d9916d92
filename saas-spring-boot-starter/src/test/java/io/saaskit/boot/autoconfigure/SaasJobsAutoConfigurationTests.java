package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.saaskit.boot.jobs.JobSchedulerLifecycle;
import io.saaskit.boot.jobs.JobWorkerLifecycle;
import io.saaskit.boot.jobs.LoggingJobListener;
import io.saaskit.boot.jobs.UsageRollupJobHandler;
import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.jobs.JobListener;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.JobScheduler;
import io.saaskit.core.jobs.JobWorker;
import io.saaskit.core.jobs.ScheduledJob;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.jobs.port.SchedulerLockStore;
import io.saaskit.core.memory.InMemoryJobQueue;
import io.saaskit.core.memory.InMemorySchedulerLockStore;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.metering.UsageRollupService;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The wiring of {@link SaasJobsAutoConfiguration} with in-memory ports: the worker and the scheduler collect the
 * handler and schedule beans, the worker-enabled switch, back-off, binding and fail-fast on bad values, and the
 * graceful stop when the context closes. The queue selection on PostgreSQL and Redis is covered by
 * {@link SaasJobsAutoConfigurationIT}.
 */
class SaasJobsAutoConfigurationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock();

    private final InMemoryJobQueue queue = new InMemoryJobQueue(this.clock, JobRetryPolicy.defaults());

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasJobsAutoConfiguration.class))
            .withBean(Clock.class, () -> this.clock)
            .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
            .withBean(SchedulerLockStore.class, InMemorySchedulerLockStore::new)
            .withBean(UsageEventStore.class, InMemoryUsageEventStore::new)
            .withPropertyValues("saaskit.worker.poll-interval=20ms", "saaskit.worker.scheduler-interval=50ms");

    private ApplicationContextRunner withBroker() {
        return this.runner.withBean(JobBroker.class, () -> this.queue);
    }

    @Test
    void theWorkerRunsEveryHandlerBeanAndTheSchedulerEveryScheduleBean() {
        CountDownLatch handled = new CountDownLatch(1);
        withBroker().withBean("customHandler", JobHandler.class, () -> handler("custom", handled))
                .withBean("customSchedule", ScheduledJob.class, () -> new ScheduledJob("custom",
                        SaasJobsAutoConfiguration.cron("test", "0 0 4 * * *"),
                        new JobRequest(JobRequest.MAINTENANCE, "custom", "{}")))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    JobWorker worker = context.getBean(JobWorker.class);
                    assertThat(worker.types()).containsExactly("custom", UsageRollupJobHandler.TYPE);
                    assertThat(worker.isRunning()).isTrue();
                    assertThat(context.getBean(JobScheduler.class).jobs())
                            .extracting(ScheduledJob::name, (job) -> job.schedule().expression())
                            .containsExactlyInAnyOrder(tuple("custom", "0 0 4 * * *"),
                                    tuple("usage-rollup", "0 0 2 * * *"));
                    assertThat(context).hasSingleBean(JobWorkerLifecycle.class)
                            .hasSingleBean(JobSchedulerLifecycle.class).hasSingleBean(UsageRollupService.class);
                    assertThat(context.getBean(JobListener.class)).isInstanceOf(LoggingJobListener.class);

                    context.getBean(JobQueue.class).enqueue(new JobRequest(JobRequest.MAINTENANCE, "custom", "{}"));

                    assertThat(handled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                });
    }

    @Test
    void anApiOnlyProcessRunsNoWorkerAndNoSchedulerButKeepsTheQueue() {
        withBroker().withPropertyValues("saaskit.worker.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(JobWorker.class).doesNotHaveBean(JobScheduler.class)
                    .doesNotHaveBean(JobWorkerLifecycle.class).doesNotHaveBean(UsageRollupJobHandler.class)
                    .doesNotHaveBean(ScheduledJob.class);
            assertThat(context).hasSingleBean(JobQueue.class);
        });
    }

    @Test
    void aQueueThatCannotBeClaimedFromGetsNoWorker() {
        this.runner.withBean(JobQueue.class, () -> (request) -> { }).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(JobWorker.class);
            assertThat(context).hasSingleBean(JobScheduler.class);
        });
    }

    @Test
    void settingsAreBound() {
        withBroker().withPropertyValues("saaskit.worker.max-attempts=3", "saaskit.worker.retry-delay=5s",
                "saaskit.worker.max-retry-delay=2m", "saaskit.worker.cron.usage-rollup=0 15 4 * * *")
                .run((context) -> {
                    assertThat(context.getBean(JobRetryPolicy.class))
                            .isEqualTo(new JobRetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(2)));
                    assertThat(context.getBean("saasUsageRollupSchedule", ScheduledJob.class).schedule().expression())
                            .isEqualTo("0 15 4 * * *");
                    SaasWorkerProperties worker = context.getBean(SaasWorkerProperties.class);
                    assertThat(worker.concurrency()).isEqualTo(5);
                    assertThat(worker.lease()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(worker.dispatchInterval()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(worker.cron().auditRetention()).isEqualTo("0 30 2 * * *");
                    assertThat(worker.cron().sessionCleanup()).isEqualTo("0 0 * * * *");
                    assertThat(worker.cron().reconcile()).isEqualTo("0 0 3 * * *");
                    assertThat(context.getBean(SaasShutdownProperties.class).shutdownTimeout())
                            .isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void anInvalidCronExpressionFailsStartupNamingTheProperty() {
        withBroker().withPropertyValues("saaskit.worker.cron.usage-rollup=every night").run((context) ->
                assertThat(invalidProperty(context).getMessage()).contains("saaskit.worker.cron.usage-rollup"));
    }

    @Test
    void anInvalidConcurrencyOrRetryPolicyFailsStartupNamingTheProperty() {
        withBroker().withPropertyValues("saaskit.worker.concurrency=0").run((context) ->
                assertThat(invalidProperty(context).getMessage()).contains("saaskit.worker.concurrency"));
        withBroker().withPropertyValues("saaskit.worker.max-attempts=0").run((context) ->
                assertThat(invalidProperty(context).getMessage()).contains("saaskit.worker.max-attempts"));
    }

    @Test
    void twoHandlersOfOneTypeFailStartup() {
        withBroker().withBean("first", JobHandler.class, () -> handler("same", new CountDownLatch(1)))
                .withBean("second", JobHandler.class, () -> handler("same", new CountDownLatch(1)))
                .run((context) -> assertThat(context).getFailure().hasRootCauseMessage(
                        "Two handlers for job type same: " + Handler.class.getName() + " and "
                                + Handler.class.getName()));
    }

    @Test
    void ownBeansReplaceSaaskits() {
        JobListener own = new JobListener() {
        };
        withBroker().withBean(JobListener.class, () -> own)
                .withBean(JobRetryPolicy.class, () -> new JobRetryPolicy(2, Duration.ofSeconds(1),
                        Duration.ofSeconds(1)))
                .run((context) -> {
                    assertThat(context.getBean(JobListener.class)).isSameAs(own);
                    assertThat(context.getBean(JobRetryPolicy.class).maxAttempts()).isEqualTo(2);
                });
    }

    @Test
    void closingTheContextReturnsJobsStillRunningAfterTheShutdownTimeout() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobHandler stuck = new JobHandler() {

            @Override
            public String type() {
                return "stuck";
            }

            @Override
            public void handle(Job job) {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        this.queue.enqueue(new JobRequest(JobRequest.MAINTENANCE, "stuck", "{}"));
        long[] closedWithin = new long[1];
        withBroker().withBean("stuck", JobHandler.class, () -> stuck)
                .withPropertyValues("saaskit.shutdown-timeout=1500ms").run((context) -> {
                    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    long start = System.nanoTime();
                    context.close();
                    closedWithin[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                });

        assertThat(closedWithin[0]).isBetween(400L, 5_000L);
        assertThat(this.queue.claim(10, Duration.ofMinutes(1))).singleElement()
                .extracting(ClaimedJob::job).extracting(Job::attempt).isEqualTo(1);
    }

    private static JobHandler handler(String type, CountDownLatch handled) {
        return new Handler(type, handled);
    }

    private static InvalidSaasPropertyException invalidProperty(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidSaasPropertyException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("an InvalidSaasPropertyException in %s", context.getStartupFailure())
                .isInstanceOf(InvalidSaasPropertyException.class);
        return (InvalidSaasPropertyException) failure;
    }

    /** A handler that counts down a latch. */
    private static final class Handler implements JobHandler {

        private final String type;
        private final CountDownLatch handled;

        Handler(String type, CountDownLatch handled) {
            this.type = type;
            this.handled = handled;
        }

        @Override
        public String type() {
            return this.type;
        }

        @Override
        public void handle(Job job) {
            this.handled.countDown();
        }
    }
}
