package io.saaskit.core.audit;

import java.util.Objects;

import io.saaskit.core.tenancy.OrgId;

/**
 * What one retention run did to one organization's audit log.
 *
 * @param orgId the organization
 * @param deleted how many rows were removed
 * @param anchor the chain anchor after the run
 * @param head the chain head after the run, as the daily log line reports it
 */
public record RetentionResult(OrgId orgId, long deleted, ChainPoint anchor, ChainPoint head) {

    public RetentionResult {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(head, "head");
    }
}
