package io.saaskit.core.notification;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.saaskit.core.tenancy.OrgId;

/**
 * A message to some members of an organization.
 *
 * @param kind what happened, for example {@value #PAYMENT_FAILED}
 * @param orgId the organization
 * @param recipients the members' email addresses
 * @param details what the message needs to say (ids, amounts), never secrets
 */
public record Notification(String kind, OrgId orgId, List<String> recipients, Map<String, String> details) {

    /** A subscription payment failed; sent to the organization's OWNER and BILLING members. */
    public static final String PAYMENT_FAILED = "payment_failed";

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orgId, "orgId");
        recipients = List.copyOf(recipients);
        details = Map.copyOf(details);
    }
}
