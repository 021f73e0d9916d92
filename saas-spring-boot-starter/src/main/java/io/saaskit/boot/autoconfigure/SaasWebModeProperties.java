package io.saaskit.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether this process serves the API, bound from {@code saaskit.web.*}.
 *
 * @param enabled Whether the HTTP API (and the application's own routes) is served. False gives a worker-only
 * process, which serves only {@code /health} and {@code /ready} and answers 404 to everything else.
 */
@ConfigurationProperties("saaskit.web")
public record SaasWebModeProperties(@DefaultValue("true") boolean enabled) {
}
