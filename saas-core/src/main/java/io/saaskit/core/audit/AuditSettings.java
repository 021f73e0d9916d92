package io.saaskit.core.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the audit log.
 *
 * @param retention how long rows are kept; at least one day is always kept ({@code AUDIT_LOG_RETENTION_DAYS})
 * @param exportsPerWindow how many exports one user may start per organization and window; {@code <= 0} disables
 * the limit (rate-limit scope {@code audit_export})
 * @param exportWindow the export rate-limit window
 */
public record AuditSettings(Duration retention, long exportsPerWindow, Duration exportWindow) {

    /** The defaults: 365 days, 10 exports per hour. */
    public static final AuditSettings DEFAULTS = new AuditSettings(Duration.ofDays(365), 10, Duration.ofHours(1));

    public AuditSettings {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(exportWindow, "exportWindow");
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            retention = Duration.ofDays(1);
        }
    }
}
