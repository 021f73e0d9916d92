package io.saaskit.core.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredSecretTests {

    @Test
    void onlyTheConfiguredValueMatches() {
        ConfiguredSecret secret = ConfiguredSecret.of(" s3cret-token ");

        assertThat(secret.isConfigured()).isTrue();
        assertThat(secret.matches("s3cret-token")).isTrue();
        assertThat(secret.matches("s3cret-toke")).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }

    @Test
    void anUnsetOrBlankSecretMatchesNothingAndIsNeverShown() {
        assertThat(ConfiguredSecret.of(null).isConfigured()).isFalse();
        assertThat(ConfiguredSecret.of("  ").matches("  ")).isFalse();
        assertThat(ConfiguredSecret.of("s3cret-token").toString()).doesNotContain("s3cret");
    }
}
