package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long shutdown may take, bound from {@code saaskit.shutdown-timeout}.
 *
 * @param shutdownTimeout How long in-flight requests and running jobs get to finish on shutdown
 * (SHUTDOWN_TIMEOUT_SEC); jobs still running then go back to their queue without counting the attempt.
 */
@ConfigurationProperties("saaskit")
public record SaasShutdownProperties(@DefaultValue("30s") Duration shutdownTimeout) {
}
