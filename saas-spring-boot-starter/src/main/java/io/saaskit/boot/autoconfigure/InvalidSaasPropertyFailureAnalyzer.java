package io.saaskit.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidSaasPropertyException} at startup: which property, why, and what to change, without the
 * value.
 */
final class InvalidSaasPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSaasPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSaasPropertyException cause) {
        return new FailureAnalysis("Invalid value for '" + cause.getProperty() + "': " + cause.getReason(),
                cause.getAction(), cause);
    }
}
