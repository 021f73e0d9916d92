package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.FlywayReadinessProbe;
import io.saaskit.adapters.jdbc.JdbcMembershipRepository;
import io.saaskit.adapters.jdbc.JdbcOrganizationRepository;
import io.saaskit.adapters.jdbc.JdbcSchemaMigrator;
import io.saaskit.adapters.jdbc.JdbcSessionRepository;
import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.adapters.jdbc.JdbcTransactionRunner;
import io.saaskit.adapters.jdbc.JdbcUserRepository;
import io.saaskit.adapters.jdbc.JdbcWriteGate;
import io.saaskit.adapters.jdbc.PostgresReadinessProbe;
import io.saaskit.adapters.jdbc.testing.TestPostgres;
import io.saaskit.core.auth.AuthService;
import io.saaskit.core.auth.Credentials;
import io.saaskit.core.auth.Registration;
import io.saaskit.core.auth.SignedIn;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemorySessionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.memory.InMemoryWriteGate;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.port.ReadinessProbe;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.FastPasswordHasher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SaasJdbcAutoConfiguration} against a real PostgreSQL from {@link TestPostgres}.
 */
class SaasJdbcAutoConfigurationIT {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** Shared by the tests that do not care about the schema's history; migrating it again is a no-op. */
    private static TestPostgres.Database database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasJdbcAutoConfiguration.class));

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.createDatabase();
    }

    /** The database's pool, wrapped so that closing a test context does not close the pool it shares. */
    private ApplicationContextRunner withDataSource(TestPostgres.Database target) {
        return this.runner.withBean(DataSource.class, () -> new DelegatingDataSource(target.dataSource()));
    }

    @Test
    void defaultConfigurationMigratesAndCreatesEveryAdapterBean() {
        TestPostgres.Database fresh = TestPostgres.createDatabase();
        withDataSource(fresh).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(JdbcSettings.class).hasBean("saasJdbcSettings");
            assertThat(context).hasSingleBean(JdbcSchemaMigrator.class).hasBean("saasJdbcSchemaMigrator");
            assertThat(context).hasBean("saasJdbcSchemaInitializer");
            assertThat(context).getBean(TransactionRunner.class).isInstanceOf(JdbcTransactionRunner.class);
            assertThat(context).getBean(UserRepository.class).isInstanceOf(JdbcUserRepository.class);
            assertThat(context).getBean(SessionRepository.class).isInstanceOf(JdbcSessionRepository.class);
            assertThat(context).getBean(OrganizationRepository.class).isInstanceOf(JdbcOrganizationRepository.class);
            assertThat(context).getBean(MembershipRepository.class).isInstanceOf(JdbcMembershipRepository.class);
            assertThat(context).getBean(WriteGate.class).isInstanceOf(JdbcWriteGate.class);
            assertThat(context).hasBean("saasTransactionRunner").hasBean("saasUserRepository")
                    .hasBean("saasSessionRepository").hasBean("saasOrganizationRepository")
                    .hasBean("saasMembershipRepository");
            assertThat(context).getBeans(ReadinessProbe.class)
                    .containsOnlyKeys("saasPostgresReadinessProbe", "saasFlywayReadinessProbe");
            assertThat(context.getBean(JdbcSettings.class).rowLevelSecurity()).isTrue();
            assertThat(context.getBean(JdbcSchemaMigrator.class).status().isCurrent()).isTrue();
            assertThat(context.getBean(PostgresReadinessProbe.class).isUp(PROBE_TIMEOUT)).isTrue();
            assertThat(context.getBean(FlywayReadinessProbe.class).isUp(PROBE_TIMEOUT)).isTrue();
            assertThat(tableExists(fresh.dataSource(), "app_user")).isTrue();
        });
    }

    @Test
    void everyRepositoryWaitsForTheMigrations() {
        withDataSource(database).run((context) -> {
            for (String repository : new String[] { "saasUserRepository", "saasSessionRepository",
                    "saasOrganizationRepository", "saasMembershipRepository" }) {
                assertThat(context.getBeanFactory().getBeanDefinition(repository).getDependsOn())
                        .as(repository).containsExactly(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER);
            }
        });
    }

    @Test
    void migrateOnStartFalseLeavesTheSchemaAloneAndTheMigrationsProbeDown() {
        TestPostgres.Database fresh = TestPostgres.createDatabase();
        withDataSource(fresh).withPropertyValues("saaskit.jdbc.migrate-on-start=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JdbcSchemaMigrator.class).status().isCurrent()).isFalse();
            assertThat(tableExists(fresh.dataSource(), "app_user")).isFalse();
            assertThat(context.getBean(FlywayReadinessProbe.class).isUp(PROBE_TIMEOUT)).isFalse();
            assertThat(context.getBean(PostgresReadinessProbe.class).isUp(PROBE_TIMEOUT)).isTrue();
        });
    }

    @Test
    void rowLevelSecurityCanBeSwitchedOff() {
        withDataSource(database).withPropertyValues("saaskit.jdbc.row-level-security=false")
                .run((context) -> assertThat(context.getBean(JdbcSettings.class).rowLevelSecurity()).isFalse());
    }

    static Stream<Arguments> ports() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();
        return Stream.of(
                port(TransactionRunner.class, InMemoryTransactionRunner::new),
                port(UserRepository.class, () -> users),
                port(SessionRepository.class, InMemorySessionRepository::new),
                port(OrganizationRepository.class, () -> organizations),
                port(MembershipRepository.class, () -> new InMemoryMembershipRepository(users, organizations)),
                port(WriteGate.class, () -> new InMemoryWriteGate(Clock.systemUTC())));
    }

    private static <T> Arguments port(Class<T> type, Supplier<T> supplier) {
        return Arguments.of(type, supplier);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    <T> void aPortImplementationOfTheApplicationReplacesOurs(Class<T> port, Supplier<T> supplier) {
        withDataSource(database).withBean("userDefined", port, supplier).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBeans(port).containsOnlyKeys("userDefined");
            assertThat(context).getBeans(UserRepository.class).hasSize(1);
            assertThat(context).getBeans(TransactionRunner.class).hasSize(1);
        });
    }

    @Test
    void readinessProbesBackOffOneByOne() {
        ReadinessProbe custom = new ReadinessProbe() {

            @Override
            public String name() {
                return "database";
            }

            @Override
            public boolean isUp(Duration timeout) {
                return true;
            }
        };
        withDataSource(database).withBean("userProbe", PostgresReadinessProbe.class,
                () -> new PostgresReadinessProbe(database.dataSource())).withBean("extraProbe", ReadinessProbe.class,
                        () -> custom).run((context) -> assertThat(context).getBeans(ReadinessProbe.class)
                                .containsOnlyKeys("userProbe", "extraProbe", "saasFlywayReadinessProbe"));
    }

    @Test
    void withSpringBootsDataSourceTheCoreRunsOnPostgresql() {
        TestPostgres.Database fresh = TestPostgres.createDatabase();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class,
                        SaasJdbcAutoConfiguration.class, SaasApiKeyJdbcAutoConfiguration.class,
                        DataSourceAutoConfiguration.class))
                .withBean(PasswordHasher.class, FastPasswordHasher::new)
                .withPropertyValues("spring.datasource.url=" + fresh.jdbcUrl(),
                        "spring.datasource.username=" + fresh.username(),
                        "spring.datasource.password=" + fresh.password(), "saaskit.session.secret=" + SECRET)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(UserRepository.class).isInstanceOf(JdbcUserRepository.class);
                    AuthService auth = context.getBean(AuthService.class);
                    String email = "owner-" + UUID.randomUUID() + "@example.com";
                    RequestContext client = new RequestContext(null, new ClientInfo("203.0.113.9", "it"));

                    SignedIn registered = auth.register(new Registration(email, "Str0ng-Password!", "Acme Inc"),
                            client, null);
                    SignedIn loggedIn = auth.login(new Credentials(email, "Str0ng-Password!"), client, null);

                    assertThat(loggedIn.orgId()).isEqualTo(registered.orgId());
                    assertThat(context.getBean(UserRepository.class).findByEmail(new EmailAddress(email)))
                            .isPresent();
                    assertThat(context.getBean(MembershipService.class).organizationsOf(registered.userId()))
                            .hasSize(1);
                });
    }

    private static boolean tableExists(DataSource dataSource, String table) {
        return JdbcClient.create(dataSource)
                .sql("select exists (select from information_schema.tables where table_name = :table)")
                .param("table", table).query(Boolean.class).single();
    }
}
