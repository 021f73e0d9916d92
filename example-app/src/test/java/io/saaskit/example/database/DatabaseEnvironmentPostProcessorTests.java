package io.saaskit.example.database;

import io.saaskit.example.StartupRefusedException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseEnvironmentPostProcessorTests {

    private final DatabaseEnvironmentPostProcessor postProcessor = new DatabaseEnvironmentPostProcessor();

    @Test
    void databaseUrlInLibpqFormBecomesDatasourceProperties() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("saaskit.jdbc.url", "postgres://app:s%3Acret@db:5432/saas?sslmode=disable");

        postProcess(environment);

        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://db:5432/saas?sslmode=disable");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("app");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("s:cret");
        assertThat(environment.getProperty(DatabaseEnvironmentPostProcessor.EMBEDDED_PROPERTY)).isEqualTo("false");
    }

    @Test
    void databaseUrlResolvedThroughPlaceholderFromEnvironmentVariableName() {
        MockEnvironment environment = new MockEnvironment().withProperty("saaskit.jdbc.url", "${DATABASE_URL:}")
                .withProperty("DATABASE_URL", "jdbc:postgresql://db/saas?user=app");

        postProcess(environment);

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/saas?user=app");
        assertThat(environment.containsProperty("spring.datasource.username")).isFalse();
    }

    @Test
    void databaseUrlWinsOverAnExplicitDatasourceUrl() {
        MockEnvironment environment = new MockEnvironment().withProperty("saaskit.jdbc.url", "postgres://a@db/one")
                .withProperty("spring.datasource.url", "jdbc:postgresql://other/two");

        postProcess(environment);

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/one");
    }

    @Test
    void explicitDatasourceUrlAloneDisablesTheEmbeddedDatabase() {
        MockEnvironment environment = new MockEnvironment().withProperty("saaskit.jdbc.url", "")
                .withProperty("spring.datasource.url", "jdbc:postgresql://other/two");

        postProcess(environment);

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://other/two");
        assertThat(environment.getProperty(DatabaseEnvironmentPostProcessor.EMBEDDED_PROPERTY)).isEqualTo("false");
    }

    @Test
    void noDatabaseConfiguredSwitchesTheEmbeddedDatabaseOn() {
        MockEnvironment environment = new MockEnvironment().withProperty("saaskit.jdbc.url", " ");

        postProcess(environment);

        assertThat(environment.getProperty(DatabaseEnvironmentPostProcessor.EMBEDDED_PROPERTY)).isEqualTo("true");
        assertThat(environment.containsProperty("spring.datasource.url")).isFalse();
    }

    @Test
    void productionWithoutDatabaseUrlFailsWithAClearMessage() {
        MockEnvironment environment = new MockEnvironment().withProperty("saaskit.environment", "production");

        assertThatExceptionOfType(StartupRefusedException.class).isThrownBy(() -> postProcess(environment))
                .withMessageContaining("DATABASE_URL is required in production");
    }

    @Test
    void productionFromNodeEnvPlaceholderIsRecognised() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("saaskit.environment", "${SAASKIT_ENVIRONMENT:${NODE_ENV:development}}")
                .withProperty("NODE_ENV", "Production");

        assertThatExceptionOfType(StartupRefusedException.class).isThrownBy(() -> postProcess(environment))
                .withMessageContaining("DATABASE_URL");
    }

    @Test
    void productionWithDatabaseUrlIsAccepted() {
        MockEnvironment environment = new MockEnvironment().withProperty("saaskit.environment", "production")
                .withProperty("saaskit.jdbc.url", "postgres://app:pw@db/saas");

        postProcess(environment);

        assertThat(environment.getProperty(DatabaseEnvironmentPostProcessor.EMBEDDED_PROPERTY)).isEqualTo("false");
    }

    @Test
    void malformedDatabaseUrlFailsStartup() {
        MockEnvironment environment = new MockEnvironment().withProperty("saaskit.jdbc.url", "mysql://db/saas");

        assertThatIllegalArgumentException().isThrownBy(() -> postProcess(environment))
                .withMessageContaining("DATABASE_URL must start with");
    }

    private void postProcess(MockEnvironment environment) {
        this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
    }
}
