package io.saaskit.example;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link StartupRefusedException} as a short description and action, the way Spring Boot reports a port
 * already in use, so "DATABASE_URL is required in production" is what the operator reads first. Registered in
 * {@code META-INF/spring.factories}.
 */
class StartupRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StartupRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupRefusedException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
