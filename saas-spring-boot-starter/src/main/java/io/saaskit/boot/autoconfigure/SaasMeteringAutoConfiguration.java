package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcOrganizationPlanStore;
import io.saaskit.adapters.jdbc.JdbcQuotaCounter;
import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.adapters.jdbc.JdbcUsageEventStore;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.metering.GroupCommitRecorder;
import io.saaskit.core.metering.JournalingUsageRecorder;
import io.saaskit.core.metering.LeaseSettings;
import io.saaskit.core.metering.LeasingQuotaCounter;
import io.saaskit.core.metering.MeteringService;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Plan;
import io.saaskit.core.metering.PlanCatalogue;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.PlanSettings;
import io.saaskit.core.metering.UsageJournal;
import io.saaskit.core.metering.UsageRecorder;
import io.saaskit.core.metering.UsageService;
import io.saaskit.core.metering.port.EntitlementStore;
import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.OrganizationDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Auto-configuration of metering: the plan catalogue from {@code saaskit.plans.*}, the plan, metering and usage
 * services, the group-commit recorder of usage events, and the PostgreSQL implementations of the metering ports.
 *
 * <p>The quota counter comes, first match wins, from the application, from Redis (the Redis auto-configuration runs
 * earlier and provides an atomic counter shared by every instance), or from PostgreSQL (an exact conditional update
 * of one row per request: correct across instances but slower, so busy deployments configure Redis). There is no
 * in-process fallback: a counter only this instance sees would let several instances pass a limit together. The
 * catalogue's default plan also becomes the {@link OrganizationDefaults} new organizations start with, which is why
 * this runs before {@link SaasCoreAutoConfiguration}.
 */
@AutoConfiguration(after = { SaasRedisAutoConfiguration.class, SaasJdbcAutoConfiguration.class },
        before = { SaasCoreAutoConfiguration.class, SaasWebAutoConfiguration.class })
@EnableConfigurationProperties({ SaasPlansProperties.class, SaasMeteringProperties.class })
public final class SaasMeteringAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(SaasMeteringAutoConfiguration.class);

    /** The built-in metric as Spring Boot binds it from an unbracketed YAML key. */
    private static final String UNBRACKETED_API_REQUESTS = Metrics.API_REQUESTS.replace("_", "");

    @Bean
    @ConditionalOnMissingBean(PlanCatalogue.class)
    PlanCatalogue saasPlanCatalogue(SaasPlansProperties properties) {
        List<Plan> plans = new ArrayList<>();
        Map<String, SaasPlansProperties.Plan> catalogue = properties.catalogue().isEmpty() ? defaultCatalogue()
                : properties.catalogue();
        catalogue.forEach((id, plan) -> plans.add(plan(id, plan)));
        try {
            return new PlanCatalogue(plans, properties.defaultPlan());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSaasPropertyException("saaskit.plans.default-plan", ex.getMessage(),
                    "Name a plan of saaskit.plans.catalogue, or add that plan to the catalogue.");
        }
    }

    private static Map<String, SaasPlansProperties.Plan> defaultCatalogue() {
        Map<String, SaasPlansProperties.Plan> catalogue = new LinkedHashMap<>();
        catalogue.put("free", new SaasPlansProperties.Plan("Free", null, Map.of(Metrics.API_REQUESTS, 1000L)));
        catalogue.put("pro", new SaasPlansProperties.Plan("Pro", null, Map.of(Metrics.API_REQUESTS, 100_000L)));
        return catalogue;
    }

    private static Plan plan(String id, SaasPlansProperties.Plan plan) {
        Map<String, Long> limits = new LinkedHashMap<>();
        plan.limits().forEach((metric, limit) -> {
            String name = UNBRACKETED_API_REQUESTS.equals(metric) ? Metrics.API_REQUESTS : metric;
            if (limit == null || limit < 0) {
                throw new InvalidSaasPropertyException("saaskit.plans.catalogue." + id + ".limits." + metric,
                        "must be zero or more", "Remove the limit to make the metric unlimited.");
            }
            limits.put(name, limit);
        });
        String name = (plan.name() != null && !plan.name().isBlank()) ? plan.name() : capitalize(id);
        return new Plan(id, name, plan.stripePriceId(), limits);
    }

    private static String capitalize(String id) {
        return id.isEmpty() ? id : id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    @Bean
    @ConditionalOnMissingBean(OrganizationDefaults.class)
    OrganizationDefaults saasOrganizationDefaults(PlanCatalogue catalogue) {
        Plan plan = catalogue.defaultPlan();
        return new OrganizationDefaults(plan.id(), plan.limit(Metrics.API_REQUESTS).orElse(null));
    }

    @Bean
    @ConditionalOnMissingBean(PlanSettings.class)
    PlanSettings saasPlanSettings(SaasPlansProperties properties) {
        return new PlanSettings(properties.overrideEnabled(), properties.cacheTtl());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(GroupCommitRecorder.class)
    GroupCommitRecorder saasGroupCommitRecorder(UsageEventStore events, SaasMeteringProperties properties) {
        return new GroupCommitRecorder(events, properties.recorder().settings("saaskit.metering.recorder"));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(UsageJournal.class)
    @ConditionalOnProperty("saaskit.metering.journal.directory")
    UsageJournal saasUsageJournal(UsageEventStore events, SaasMeteringProperties properties) {
        return new UsageJournal(events, properties.journal().settings());
    }

    @Bean
    @ConditionalOnMissingBean(PlanService.class)
    PlanService saasPlanService(PlanCatalogue catalogue, OrganizationPlanStore store,
            ObjectProvider<EntitlementStore> entitlements, AuditSink audit, TransactionRunner transactions,
            Clock clock, PlanSettings settings) {
        // Billing, when present, provides the subscription entitlements that decide plans and periods.
        return new PlanService(catalogue, store, entitlements.getIfAvailable(() -> EntitlementStore.NONE), audit,
                transactions, clock, settings);
    }

    @Bean
    @ConditionalOnMissingBean(LeaseSettings.class)
    LeaseSettings saasLeaseSettings(SaasMeteringProperties properties) {
        SaasMeteringProperties.Lease lease = properties.lease();
        try {
            return new LeaseSettings(lease.maxBlock(), lease.divisor(), lease.idleReturn());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSaasPropertyException("saaskit.metering.lease", ex.getMessage(),
                    "Use a positive max-block (1 turns leasing off), divisor and idle-return.");
        }
    }

    // Closed on shutdown (inferred close()), which gives leased but unused quota back to the shared counter.
    @Bean
    @ConditionalOnMissingBean(MeteringService.class)
    MeteringService saasMeteringService(PlanService plans, QuotaCounter counter, UsageEventStore events,
            GroupCommitRecorder commits, ObjectProvider<UsageJournal> journal, AuditSink audit,
            TransactionRunner transactions, WriteGate gate, Clock clock, LeaseSettings leases) {
        QuotaCounter admitting = (leases.maxBlock() > 1) ? new LeasingQuotaCounter(counter, leases, clock) : counter;
        logger.info("Metering admits usage with {}", admitting);
        UsageJournal local = journal.getIfAvailable();
        UsageRecorder recorder = (local != null) ? new JournalingUsageRecorder(local, commits) : commits;
        logger.info("Metered requests record their usage events {}", (local != null)
                ? "in the local journal (shipped to the database in batches)" : "by group commit in the database");
        return new MeteringService(plans, admitting, events, recorder, audit, transactions, gate, clock);
    }

    @Bean
    @ConditionalOnMissingBean(UsageService.class)
    UsageService saasUsageService(MeteringService metering, PlanService plans, UsageEventStore events, Clock clock) {
        return new UsageService(metering, plans, events, clock);
    }

    /**
     * The PostgreSQL implementations of the metering ports, when the PostgreSQL adapter is active.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcUsageEventStore.class)
    @ConditionalOnBean(JdbcSettings.class)
    static class JdbcMeteringConfiguration {

        @Bean
        @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
        @ConditionalOnMissingBean(UsageEventStore.class)
        JdbcUsageEventStore saasUsageEventStore(DataSource dataSource, JdbcSettings settings) {
            return new JdbcUsageEventStore(dataSource, settings);
        }

        @Bean
        @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
        @ConditionalOnMissingBean(QuotaCounter.class)
        JdbcQuotaCounter saasQuotaCounter(DataSource dataSource, JdbcSettings settings) {
            logger.info("No Redis configured: quotas are counted in PostgreSQL (exact, one row update per metered "
                    + "request)");
            return new JdbcQuotaCounter(dataSource, settings);
        }

        @Bean
        @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
        @ConditionalOnMissingBean(OrganizationPlanStore.class)
        JdbcOrganizationPlanStore saasOrganizationPlanStore(DataSource dataSource, JdbcSettings settings) {
            return new JdbcOrganizationPlanStore(dataSource, settings);
        }
    }
}
