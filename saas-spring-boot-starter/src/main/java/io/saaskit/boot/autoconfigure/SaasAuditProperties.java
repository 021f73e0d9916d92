package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit log settings, under {@code saaskit.audit}.
 *
 * @param retention How long audit rows are kept (AUDIT_LOG_RETENTION_DAYS); the daily {@code audit-retention} job
 * removes older rows after moving the hash chain's anchor. At least one day is always kept.
 * @param export The rate limit on audit exports (scope {@code audit_export}), per user and organization.
 */
@ConfigurationProperties("saaskit.audit")
public record SaasAuditProperties(@DefaultValue("365d") Duration retention, @DefaultValue Export export) {

    /**
     * The audit export rate limit.
     *
     * @param limit Exports one user may start per organization and window; 0 or less disables the limit.
     * @param window The window.
     */
    public record Export(@DefaultValue("10") long limit, @DefaultValue("1h") Duration window) {
    }
}
