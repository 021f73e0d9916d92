package io.saaskit.example;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class StartupRefusedFailureAnalyzerTests {

    @Test
    void refusalWrappedInBeanCreationFailureIsReportedAsDescriptionAndAction() {
        StartupRefusedException refusal = new StartupRefusedException("DATABASE_URL is required in production.",
                "Set DATABASE_URL.");

        FailureAnalysis analysis = new StartupRefusedFailureAnalyzer()
                .analyze(new BeanCreationException("dataSource", "failed", refusal));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("DATABASE_URL is required in production.");
        assertThat(analysis.getAction()).isEqualTo("Set DATABASE_URL.");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(new StartupRefusedFailureAnalyzer().analyze(new IllegalStateException("boom"))).isNull();
    }
}
