package io.saaskit.core.metering;

import io.saaskit.core.shared.SaasException;

/**
 * The store refused the data of a usage event (a constraint or a value it cannot hold), as opposed to being
 * unavailable. The group-commit recorder then writes the batch's events one by one, so one bad event fails only its
 * own request and never the other requests, possibly of other organizations, that shared its batch.
 */
public class RejectedUsageEventException extends SaasException {

    private static final long serialVersionUID = 1L;

    public RejectedUsageEventException() {
        super("Usage event could not be stored");
    }

    @Override
    public String code() {
        return "BAD_REQUEST";
    }
}
