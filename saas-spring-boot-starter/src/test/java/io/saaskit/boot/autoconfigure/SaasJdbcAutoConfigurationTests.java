package io.saaskit.boot.autoconfigure;

import java.lang.reflect.Proxy;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcSchemaMigrator;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.shared.port.ReadinessProbe;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.testing.FastPasswordHasher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions of {@link SaasJdbcAutoConfiguration}, without a database: a {@link DataSource} that fails the test
 * if anything touches it proves that a switched-off adapter does no work. What the adapter does when active is
 * covered by {@code SaasJdbcAutoConfigurationIT} against PostgreSQL.
 */
class SaasJdbcAutoConfigurationTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static final String JDBC_ADAPTER_PACKAGE = "io.saaskit.adapters.jdbc";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasJdbcAutoConfiguration.class));

    private final ApplicationContextRunner withCore = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasJdbcAutoConfiguration.class, SaasCoreAutoConfiguration.class))
            .withBean(PasswordHasher.class, FastPasswordHasher::new)
            .withPropertyValues("saaskit.session.secret=" + SECRET);

    /** A data source that must never be used: any call fails. */
    private static DataSource untouchableDataSource() {
        return (DataSource) Proxy.newProxyInstance(SaasJdbcAutoConfigurationTests.class.getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "untouchableDataSource";
                    }
                    throw new AssertionError("The data source was used: " + method);
                });
    }

    @Test
    void switchedOffByPropertyTheAdapterDefinesNothing() {
        this.runner.withBean(DataSource.class, SaasJdbcAutoConfigurationTests::untouchableDataSource)
                .withPropertyValues("saaskit.jdbc.enabled=false").run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SaasJdbcAutoConfiguration.class);
                    assertThat(context).doesNotHaveBean(JdbcSchemaMigrator.class);
                    assertThat(context).doesNotHaveBean(UserRepository.class);
                    assertThat(context).doesNotHaveBean(TransactionRunner.class);
                    assertThat(context).doesNotHaveBean(ReadinessProbe.class);
                });
    }

    @Test
    void withoutTheAdapterJarNothingIsDefined() {
        this.runner.withClassLoader(new FilteredClassLoader(JDBC_ADAPTER_PACKAGE))
                .withBean(DataSource.class, SaasJdbcAutoConfigurationTests::untouchableDataSource).run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SaasJdbcAutoConfiguration.class);
                    assertThat(context).doesNotHaveBean(UserRepository.class);
                });
    }

    @Test
    void withoutADataSourceNothingIsDefined() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SaasJdbcAutoConfiguration.class);
            assertThat(context).doesNotHaveBean(UserRepository.class);
        });
    }

    @Test
    void withTwoDataSourcesAndNoPrimaryNothingIsDefined() {
        this.runner.withBean("first", DataSource.class, SaasJdbcAutoConfigurationTests::untouchableDataSource)
                .withBean("second", DataSource.class, SaasJdbcAutoConfigurationTests::untouchableDataSource)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SaasJdbcAutoConfiguration.class);
                });
    }

    @Test
    void withoutTheAdapterJarStartupFailsNamingTheJarToAdd() {
        FilteredClassLoader withoutAdapter = new FilteredClassLoader(JDBC_ADAPTER_PACKAGE);
        this.withCore.withClassLoader(withoutAdapter)
                .withBean(DataSource.class, SaasJdbcAutoConfigurationTests::untouchableDataSource).run((context) -> {
                    FailureAnalysis analysis = SaasCoreAutoConfigurationTests.analyze(context, withoutAdapter,
                            new MockEnvironment());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).startsWith("saaskit needs a bean of type 'io.saaskit.core.");
                    assertThat(analysis.getAction()).startsWith("Add the io.saaskit:saas-adapters-jdbc jar and a "
                            + "DataSource (for example org.springframework.boot:spring-boot-starter-jdbc with "
                            + "spring.datasource.url set) to the application, or define a bean of type 'io.saaskit.");
                });
    }

    @Test
    void switchedOffByPropertyStartupFailsNamingTheProperty() {
        this.withCore.withBean(DataSource.class, SaasJdbcAutoConfigurationTests::untouchableDataSource)
                .withPropertyValues("saaskit.jdbc.enabled=false").run((context) -> {
                    FailureAnalysis analysis = SaasCoreAutoConfigurationTests.analyze(context,
                            getClass().getClassLoader(), new MockEnvironment().withProperty("saaskit.jdbc.enabled",
                                    "false"));
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getAction()).startsWith("saaskit.jdbc.enabled is false, so "
                            + "io.saaskit:saas-adapters-jdbc provides no ");
                });
    }

    @Test
    void withoutADataSourceStartupFailsAskingForOne() {
        this.withCore.run((context) -> {
            FailureAnalysis analysis = SaasCoreAutoConfigurationTests.analyze(context, getClass().getClassLoader(),
                    new MockEnvironment());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getAction()).startsWith("io.saaskit:saas-adapters-jdbc is on the class path but "
                    + "found no single DataSource bean. Add a DataSource");
        });
    }
}
