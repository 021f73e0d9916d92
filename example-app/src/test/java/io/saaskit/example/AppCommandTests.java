package io.saaskit.example;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AppCommandTests {

    @Test
    void noArgumentsMeansServe() {
        assertThat(AppCommand.of()).isEqualTo(AppCommand.SERVE);
        assertThat(AppCommand.of("--API_PORT=5000")).isEqualTo(AppCommand.SERVE);
        assertThat(AppCommand.SERVE.exitsAfterStartup()).isFalse();
    }

    @Test
    void firstNonOptionArgumentNamesTheCommand() {
        assertThat(AppCommand.of("migrate")).isEqualTo(AppCommand.MIGRATE);
        assertThat(AppCommand.of("--LOG_LEVEL=debug", "SEED")).isEqualTo(AppCommand.SEED);
    }

    @Test
    void unknownCommandIsRejectedWithUsage() {
        assertThatIllegalArgumentException().isThrownBy(() -> AppCommand.of("migrat"))
                .withMessageContaining("Unknown command 'migrat'")
                .withMessageContaining("migrate|seed");
    }

    @Test
    void commandsRunWithoutWebServerAndForceMigrations() {
        assertThat(AppCommand.MIGRATE.springArguments("migrate", "--x=1")).containsExactly("migrate", "--x=1",
                "--spring.main.web-application-type=none", "--saaskit.jdbc.migrate-on-start=true",
                "--saaskit.worker.enabled=false");
        assertThat(AppCommand.MIGRATE.exitsAfterStartup()).isTrue();
    }

    @Test
    void seedCommandAlsoSwitchesSeedingOn() {
        assertThat(AppCommand.SEED.springArguments("seed")).contains("--saaskit.seed.enabled=true",
                "--saaskit.jdbc.migrate-on-start=true", "--spring.main.web-application-type=none");
    }

    @Test
    void serveAddsNothing() {
        assertThat(AppCommand.SERVE.springArguments("--a=b")).containsExactly("--a=b");
    }
}
