package io.saaskit.boot.billing;

import java.util.Objects;

import io.saaskit.core.billing.BillingReconciliationService;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code billing-reconcile} jobs: {@code {}} reconciles every organization with a Stripe customer,
 * {@code {"orgId": "<uuid>"}} one. A Stripe failure fails the job, so the queue retries it.
 */
public final class BillingReconcileJobHandler implements JobHandler {

    private static final Logger logger = LoggerFactory.getLogger(BillingReconcileJobHandler.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BillingReconciliationService reconciliation;

    /**
     * Creates the handler.
     * @param reconciliation the reconciliation service
     */
    public BillingReconcileJobHandler(BillingReconciliationService reconciliation) {
        this.reconciliation = Objects.requireNonNull(reconciliation, "reconciliation");
    }

    @Override
    public String type() {
        return BillingReconciliationService.JOB_TYPE;
    }

    @Override
    public void handle(Job job) {
        JsonNode payload;
        OrgId orgId;
        try {
            payload = payload(job.payload());
            orgId = orgId(payload);
        }
        catch (IllegalArgumentException ex) {
            logger.warn("Dropped billing-reconcile job {}: {}", job.id(), ex.getMessage());
            return;
        }
        // Audit rows carry the id of the admin request that asked for the run, or this job's id for a scheduled run.
        JsonNode requestId = payload.get("requestId");
        String id = (requestId != null && requestId.isString()) ? requestId.stringValue() : "job:" + job.id();
        int repaired = this.reconciliation.reconcile(orgId, new RequestContext(id, ClientInfo.UNKNOWN));
        logger.info("Billing reconciliation ({}) repaired {} subscription(s)", (orgId != null) ? orgId : "all",
                repaired);
    }

    private static JsonNode payload(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("payload is not JSON", ex);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        return root;
    }

    private static @Nullable OrgId orgId(JsonNode root) {
        JsonNode orgId = root.get("orgId");
        if (orgId == null || orgId.isNull()) {
            return null;
        }
        return OrgId.parse(orgId.asString()).orElseThrow(() -> new IllegalArgumentException("orgId is not an id"));
    }
}
