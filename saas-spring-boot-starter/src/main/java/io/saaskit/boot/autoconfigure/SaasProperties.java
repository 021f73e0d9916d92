package io.saaskit.boot.autoconfigure;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Top-level saaskit settings shared by every area, bound from {@code saaskit.*}.
 *
 * @param environment Deployment environment. Production turns on the strict checks: required secrets, secure
 * cookies by default, no seed data.
 * @param apiBaseUrl Public URL of the API. Its origin is allowed by the origin (CSRF) rule.
 * @param webBaseUrl Public URL of the web UI. Its origin gets CORS and is allowed by the origin (CSRF) rule.
 * @param demoMode Whether demo mode is on: lower auth rate limits and destructive actions disabled.
 */
@ConfigurationProperties("saaskit")
public record SaasProperties(@DefaultValue("development") Environment environment,
        @DefaultValue("http://localhost:4000") URI apiBaseUrl, @DefaultValue("http://localhost:3000") URI webBaseUrl,
        @DefaultValue("false") boolean demoMode) {

    /**
     * Whether strict production rules apply.
     * @return true in production
     */
    public boolean isProduction() {
        return this.environment == Environment.PRODUCTION;
    }

    /** Deployment environments. */
    public enum Environment {

        /** A developer's machine: generated secrets are accepted, with a warning. */
        DEVELOPMENT,

        /** Automated tests. */
        TEST,

        /** A real deployment: secrets are required and cookies are Secure by default. */
        PRODUCTION
    }
}
