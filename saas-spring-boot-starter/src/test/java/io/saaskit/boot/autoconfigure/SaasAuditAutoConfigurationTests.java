package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.saaskit.boot.web.audit.AuditController;
import io.saaskit.boot.web.support.ClientAddressResolver;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.core.audit.AuditRetentionJobHandler;
import io.saaskit.core.audit.AuditService;
import io.saaskit.core.audit.AuditSettings;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.ScheduledJob;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.ratelimit.AuditExportRateLimitService;
import io.saaskit.core.ratelimit.InProcessRateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of {@link SaasAuditAutoConfiguration} and {@link SaasAuditWebAutoConfiguration} with in-memory ports:
 * the services and the retention job handler, property binding, back-off, and the endpoint switch. The PostgreSQL
 * store is covered over HTTP by the audit integration tests.
 */
class SaasAuditAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasAuditAutoConfiguration.class))
            .withBean(Clock.class, MutableClock::new)
            .withBean(InMemoryAuditSink.class, InMemoryAuditSink::new)
            .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
            .withBean(RateLimiter.class, () -> new InProcessRateLimiter(new MutableClock()));

    @Test
    void defaultsCreateTheServiceTheExportLimitAndTheRetentionHandler() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(AuditService.class).hasBean("saasAuditService");
            assertThat(context).hasSingleBean(AuditExportRateLimitService.class);
            assertThat(context.getBean(AuditSettings.class))
                    .isEqualTo(new AuditSettings(Duration.ofDays(365), 10, Duration.ofHours(1)));
            assertThat(context.getBean(JobHandler.class).type()).isEqualTo("audit-retention");
            assertThat(context.getBean(JobHandler.class)).isInstanceOf(AuditRetentionJobHandler.class);
            assertThat(context.getBean(ScheduledJob.class)).satisfies((job) -> {
                assertThat(job.name()).isEqualTo("audit-retention");
                assertThat(job.request().queue()).isEqualTo(JobRequest.MAINTENANCE);
            });
        });
    }

    @Test
    void anApiOnlyProcessDoesNotScheduleRetention() {
        this.runner.withPropertyValues("saaskit.worker.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(ScheduledJob.class));
    }

    @Test
    void retentionAndTheExportLimitAreBoundFromProperties() {
        this.runner.withPropertyValues("saaskit.audit.retention=30d", "saaskit.audit.export.limit=0",
                "saaskit.audit.export.window=10m").run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(AuditSettings.class))
                            .isEqualTo(new AuditSettings(Duration.ofDays(30), 0, Duration.ofMinutes(10)));
                });
    }

    @Test
    void aRetentionBelowOneDayKeepsOneDay() {
        this.runner.withPropertyValues("saaskit.audit.retention=0d").run((context) -> assertThat(
                context.getBean(AuditSettings.class).retention()).isEqualTo(Duration.ofDays(1)));
    }

    @Test
    void theApplicationsOwnBeansReplaceOurs() {
        AuditSettings settings = new AuditSettings(Duration.ofDays(7), 1, Duration.ofMinutes(1));
        this.runner.withBean(AuditSettings.class, () -> settings).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("saasAuditSettings");
            assertThat(context.getBean(AuditService.class).settings()).isSameAs(settings);
        });
    }

    @Test
    void withoutAStoreStartupFailsNamingThePort() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SaasAuditAutoConfiguration.class))
                .withBean(Clock.class, MutableClock::new)
                .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
                .withBean(RateLimiter.class, () -> new InProcessRateLimiter(new MutableClock()))
                .run((context) -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("io.saaskit.core.audit.port.AuditLog"));
    }

    @Test
    void theEndpointsAreServedUnlessSwitchedOff() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SaasAuditAutoConfiguration.class,
                        SaasAuditWebAutoConfiguration.class))
                .withBean(Clock.class, MutableClock::new)
                .withBean(InMemoryAuditSink.class, InMemoryAuditSink::new)
                .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
                .withBean(RateLimiter.class, () -> new InProcessRateLimiter(new MutableClock()))
                .withBean(ClientInfos.class, () -> new ClientInfos(new ClientAddressResolver(List.of())));

        web.run((context) -> assertThat(context).hasSingleBean(AuditController.class));
        web.withPropertyValues("saaskit.http.audit.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AuditController.class));
    }
}
