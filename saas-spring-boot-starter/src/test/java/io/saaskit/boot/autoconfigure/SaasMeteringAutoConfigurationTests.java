package io.saaskit.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryOrganizationPlanStore;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryQuotaCounter;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryWriteGate;
import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.metering.GroupCommitRecorder;
import io.saaskit.core.metering.LeaseSettings;
import io.saaskit.core.metering.MeteringService;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Plan;
import io.saaskit.core.metering.PlanCatalogue;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.PlanSettings;
import io.saaskit.core.metering.UsageJournal;
import io.saaskit.core.metering.UsageJournalSettings;
import io.saaskit.core.metering.UsageService;
import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.OrganizationDefaults;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of {@link SaasMeteringAutoConfiguration} with in-memory ports (no database): the catalogue and its
 * binding, the defaults new organizations get, the services, settings, back-off, and fail-fast on bad values. The
 * PostgreSQL ports and the quota counter fallback order are covered over HTTP by the metering integration tests.
 */
class SaasMeteringAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasMeteringAutoConfiguration.class))
            .withBean(Clock.class, MutableClock::new)
            .withBean(AuditSink.class, InMemoryAuditSink::new)
            .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
            .withBean(WriteGate.class, () -> new InMemoryWriteGate(Clock.systemUTC()))
            .withBean(QuotaCounter.class, InMemoryQuotaCounter::new)
            .withBean(UsageEventStore.class, InMemoryUsageEventStore::new)
            .withBean(OrganizationPlanStore.class,
                    () -> new InMemoryOrganizationPlanStore(new InMemoryOrganizationRepository()));

    @Test
    void withoutACatalogueFreeAndProAreOffered() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            PlanCatalogue catalogue = context.getBean(PlanCatalogue.class);
            assertThat(catalogue.defaultPlan().id()).isEqualTo("free");
            assertThat(catalogue.defaultPlan().name()).isEqualTo("Free");
            assertThat(catalogue.defaultPlan().limit(Metrics.API_REQUESTS)).contains(1000L);
            assertThat(catalogue.find("pro").flatMap((pro) -> pro.limit(Metrics.API_REQUESTS))).contains(100_000L);
            assertThat(context.getBean(OrganizationDefaults.class)).isEqualTo(new OrganizationDefaults("free", 1000L));
            assertThat(context).hasSingleBean(PlanService.class).hasSingleBean(MeteringService.class)
                    .hasSingleBean(UsageService.class).hasSingleBean(GroupCommitRecorder.class);
            assertThat(context.getBean(PlanSettings.class)).isEqualTo(PlanSettings.defaults());
            assertThat(context.getBean(SaasMeteringProperties.class).recorder().settings("saaskit.metering.recorder"))
                    .isEqualTo(GroupCommitRecorder.defaultSettings());
            assertThat(context.getBean(LeaseSettings.class)).isEqualTo(LeaseSettings.defaults());
        });
    }

    @Test
    void theCatalogueIsBoundFromProperties() {
        this.runner.withPropertyValues("saaskit.plans.default-plan=starter",
                "saaskit.plans.catalogue.starter.limits.api_requests=50",
                "saaskit.plans.catalogue.starter.limits[emails_sent]=5",
                "saaskit.plans.catalogue.team.name=Team plan",
                "saaskit.plans.catalogue.team.stripe-price-id=price_123",
                "saaskit.plans.override-enabled=false", "saaskit.plans.cache-ttl=5s").run((context) -> {
                    PlanCatalogue catalogue = context.getBean(PlanCatalogue.class);
                    assertThat(catalogue.defaultPlan().id()).isEqualTo("starter");
                    assertThat(catalogue.defaultPlan().name()).isEqualTo("Starter");
                    assertThat(catalogue.defaultPlan().limits()).containsEntry(Metrics.API_REQUESTS, 50L)
                            .containsEntry("emails_sent", 5L);
                    assertThat(catalogue.findByStripePrice("price_123").map((plan) -> plan.name()))
                            .contains("Team plan");
                    assertThat(context.getBean(OrganizationDefaults.class))
                            .isEqualTo(new OrganizationDefaults("starter", 50L));
                    assertThat(context.getBean(PlanSettings.class).overrideEnabled()).isFalse();
                });
    }

    @Test
    void aDefaultPlanOutsideTheCatalogueFailsStartup() {
        this.runner.withPropertyValues("saaskit.plans.default-plan=gold").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSaasPropertyException.class)
                    .hasMessageContaining("saaskit.plans.default-plan");
        });
    }

    @Test
    void badRecorderAndLeaseSettingsFailStartup() {
        this.runner.withPropertyValues("saaskit.metering.recorder.writers=0").run((context) -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("saaskit.metering.recorder"));
        this.runner.withPropertyValues("saaskit.metering.lease.max-block=0").run((context) -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("saaskit.metering.lease"));
        this.runner.withPropertyValues("saaskit.metering.recorder.interval=-1ms").run((context) -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("saaskit.metering.recorder"));
    }

    @Test
    void theUsageJournalIsOffUnlessADirectoryIsSet(@TempDir Path directory) {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(UsageJournal.class));
        this.runner.withPropertyValues("saaskit.metering.journal.directory=" + directory,
                "saaskit.metering.journal.segment-size=1MB", "saaskit.metering.journal.max-batch=10")
                .run((context) -> {
                    assertThat(context).hasSingleBean(UsageJournal.class).hasSingleBean(MeteringService.class);
                    assertThat(context.getBean(SaasMeteringProperties.class).journal().settings()).isEqualTo(
                            new UsageJournalSettings(directory, 1024 * 1024, 1024L * 1024 * 1024, 10,
                                    Duration.ofSeconds(10)));
                });
    }

    @Test
    void badJournalSettingsFailStartup(@TempDir Path directory) {
        this.runner.withPropertyValues("saaskit.metering.journal.directory=" + directory,
                "saaskit.metering.journal.segment-size=1KB").run((context) -> assertThat(context)
                        .getFailure().rootCause().hasMessageContaining("saaskit.metering.journal"));
        this.runner.withPropertyValues("saaskit.metering.journal.directory=" + directory,
                "saaskit.metering.journal.segment-size=3GB").run((context) -> assertThat(context)
                        .getFailure().rootCause().hasMessageContaining("saaskit.metering.journal.segment-size"));
    }

    @Test
    void theRecorderIntervalIsBound() {
        this.runner.withPropertyValues("saaskit.metering.recorder.interval=5ms").run((context) -> assertThat(
                context.getBean(SaasMeteringProperties.class).recorder().settings("saaskit.metering.recorder")
                        .interval()).isEqualTo(Duration.ofMillis(5)));
    }

    @Test
    void theApplicationsOwnBeansWin() {
        PlanCatalogue own = new PlanCatalogue(List.of(new Plan("only", "Only", null, Map.of())), "only");
        this.runner.withBean(PlanCatalogue.class, () -> own)
                .withBean(OrganizationDefaults.class, () -> new OrganizationDefaults("mine", null)).run((context) -> {
                    assertThat(context.getBean(PlanCatalogue.class)).isSameAs(own);
                    assertThat(context.getBean(OrganizationDefaults.class).plan()).isEqualTo("mine");
                });
    }

    @Test
    void withoutAQuotaCounterStartupFailsNamingThePort() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SaasMeteringAutoConfiguration.class))
                .withBean(Clock.class, MutableClock::new)
                .withBean(AuditSink.class, InMemoryAuditSink::new)
                .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
                .withBean(WriteGate.class, () -> new InMemoryWriteGate(Clock.systemUTC()))
                .withBean(UsageEventStore.class, InMemoryUsageEventStore::new)
                .withBean(OrganizationPlanStore.class,
                        () -> new InMemoryOrganizationPlanStore(new InMemoryOrganizationRepository()))
                .run((context) -> assertThat(context).getFailure().hasMessageContaining(QuotaCounter.class.getName()));
    }
}
