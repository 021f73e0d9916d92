package io.saaskit.boot.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.FlywayReadinessProbe;
import io.saaskit.adapters.jdbc.JdbcMembershipRepository;
import io.saaskit.adapters.jdbc.JdbcOrganizationRepository;
import io.saaskit.adapters.jdbc.JdbcRateLimiter;
import io.saaskit.adapters.jdbc.JdbcSchemaMigrator;
import io.saaskit.adapters.jdbc.JdbcSessionRepository;
import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.adapters.jdbc.JdbcTransactionRunner;
import io.saaskit.adapters.jdbc.JdbcUserRepository;
import io.saaskit.adapters.jdbc.JdbcWriteGate;
import io.saaskit.adapters.jdbc.PostgresReadinessProbe;
import io.saaskit.boot.autoconfigure.SaasRateLimitProperties.Store;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the PostgreSQL adapter: the persistence ports on the application's {@link DataSource}, the
 * schema migrations, the {@code database} and {@code migrations} readiness probes, and the PostgreSQL rate-limit
 * store (for {@code saaskit.rate-limit.store} {@code postgres}, or {@code auto} when Redis provided none).
 *
 * <p>Active when {@code io.saaskit:saas-adapters-jdbc} is on the class path, the application has one (or one primary)
 * {@code DataSource}, and {@code saaskit.jdbc.enabled} is not {@code false}. It runs before
 * {@link SaasCoreAutoConfiguration}, so the core finds its ports, and each port bean backs off when the application
 * defines its own implementation of that port. Migrations run before any repository is created (unless
 * {@code saaskit.jdbc.migrate-on-start=false}), with their own Flyway history table.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = SaasCoreAutoConfiguration.class)
@ConditionalOnClass(JdbcSchemaMigrator.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "saaskit.jdbc", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SaasJdbcProperties.class, SaasRateLimitProperties.class })
public final class SaasJdbcAutoConfiguration {

    /** Name of the bean that runs the migrations; every repository depends on it. */
    static final String SCHEMA_INITIALIZER = "saasJdbcSchemaInitializer";

    @Bean
    @ConditionalOnMissingBean(JdbcSettings.class)
    JdbcSettings saasJdbcSettings(SaasJdbcProperties properties) {
        return new JdbcSettings(properties.rowLevelSecurity());
    }

    @Bean
    @ConditionalOnMissingBean(JdbcSchemaMigrator.class)
    JdbcSchemaMigrator saasJdbcSchemaMigrator(DataSource dataSource, JdbcSettings settings) {
        return new JdbcSchemaMigrator(dataSource, settings);
    }

    @Bean(SCHEMA_INITIALIZER)
    JdbcSchemaInitializer saasJdbcSchemaInitializer(JdbcSchemaMigrator migrator, SaasJdbcProperties properties) {
        return new JdbcSchemaInitializer(migrator, properties.migrateOnStart());
    }

    @Bean
    @ConditionalOnMissingBean(TransactionRunner.class)
    JdbcTransactionRunner saasTransactionRunner(DataSource dataSource) {
        return new JdbcTransactionRunner(dataSource);
    }

    @Bean
    @DependsOn(SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(UserRepository.class)
    JdbcUserRepository saasUserRepository(DataSource dataSource, JdbcSettings settings) {
        return new JdbcUserRepository(dataSource, settings);
    }

    @Bean
    @DependsOn(SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(SessionRepository.class)
    JdbcSessionRepository saasSessionRepository(DataSource dataSource, JdbcSettings settings) {
        return new JdbcSessionRepository(dataSource, settings);
    }

    @Bean
    @DependsOn(SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(OrganizationRepository.class)
    JdbcOrganizationRepository saasOrganizationRepository(DataSource dataSource, JdbcSettings settings) {
        return new JdbcOrganizationRepository(dataSource, settings);
    }

    @Bean
    @DependsOn(SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(MembershipRepository.class)
    JdbcMembershipRepository saasMembershipRepository(DataSource dataSource, JdbcSettings settings) {
        return new JdbcMembershipRepository(dataSource, settings);
    }

    @Bean
    @DependsOn(SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(RateLimiter.class)
    @ConditionalOnRateLimitStore({ Store.AUTO, Store.POSTGRES })
    JdbcRateLimiter saasJdbcRateLimiter(DataSource dataSource, ObjectProvider<Clock> clock,
            SaasRateLimitProperties rateLimit, Environment environment) {
        // Redis, when configured, ran first and already provided the limiter for store=auto.
        RateLimitStoreSelection.postgresChosen(environment);
        return new JdbcRateLimiter(dataSource, clock.getIfAvailable(Clock::systemUTC), rateLimit.failOpen());
    }

    @Bean
    @DependsOn(SCHEMA_INITIALIZER)
    @ConditionalOnMissingBean(WriteGate.class)
    JdbcWriteGate saasWriteGate(DataSource dataSource, JdbcSettings settings, ObjectProvider<Clock> clock) {
        // Redis, when configured, ran first and already provided the gate.
        return new JdbcWriteGate(dataSource, settings, clock.getIfAvailable(Clock::systemUTC));
    }

    // ReadinessProbe is a collection port: /ready runs every probe bean, so each probe backs off on its own type
    // rather than on the interface, which would let the first probe switch the other off.

    @Bean
    @ConditionalOnMissingBean(PostgresReadinessProbe.class)
    PostgresReadinessProbe saasPostgresReadinessProbe(DataSource dataSource) {
        return new PostgresReadinessProbe(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(FlywayReadinessProbe.class)
    FlywayReadinessProbe saasFlywayReadinessProbe(JdbcSchemaMigrator migrator) {
        return new FlywayReadinessProbe(migrator);
    }
}
