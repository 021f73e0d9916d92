package io.saaskit.core.audit;

import java.util.function.Consumer;

import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobHandler;

/**
 * Runs the daily {@value #TYPE} job (queue {@code maintenance}, scheduled at 02:30 UTC by default): applies audit
 * retention to every organization and reports each organization's result, whose chain head the host logs so heads
 * are kept outside the database. Idempotent: a second run finds nothing more to remove.
 */
public final class AuditRetentionJobHandler implements JobHandler {

    /** The job type. */
    public static final String TYPE = "audit-retention";

    private final AuditService audit;

    private final Consumer<RetentionResult> report;

    /**
     * Creates the handler.
     * @param audit the audit service
     * @param report receives each organization's result, for example to log its chain head
     */
    public AuditRetentionJobHandler(AuditService audit, Consumer<RetentionResult> report) {
        this.audit = audit;
        this.report = report;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) {
        this.audit.applyRetention(this.report);
    }
}
