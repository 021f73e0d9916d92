package io.saaskit.core.billing;

import io.saaskit.core.shared.BadRequestException;

/**
 * The inbox refused the data of a received event (a constraint or a value it cannot hold), as opposed to being
 * unavailable. The webhook inbox writer then stores the deliveries of the batch one by one, so one bad delivery
 * fails only its own request (400 "Invalid event payload", as for a payload the reader refuses) and never the other
 * deliveries that shared its transaction.
 */
public class RejectedInboxEventException extends BadRequestException {

    private static final long serialVersionUID = 1L;

    public RejectedInboxEventException() {
        super(StripeWebhookService.INVALID_PAYLOAD);
    }
}
