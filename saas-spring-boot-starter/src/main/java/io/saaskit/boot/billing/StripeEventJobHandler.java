package io.saaskit.boot.billing;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.ProcessingResult;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.billing.StripeWebhookService;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code stripe-event} jobs ({@code {"inboxId": "<uuid>"}}) through {@link StripeEventService#process}.
 *
 * <p>A failing event does not fail the job: its inbox row records the attempt and its backoff, and the dispatcher
 * re-enqueues it when due, so the queue's own retries are not needed. An event that ends {@code dead} is logged as
 * an error. A job whose payload names no inbox row is logged and dropped, since retrying it cannot help.
 */
public final class StripeEventJobHandler implements JobHandler {

    private static final Logger logger = LoggerFactory.getLogger(StripeEventJobHandler.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StripeEventService events;

    /**
     * Creates the handler.
     * @param events the event service
     */
    public StripeEventJobHandler(StripeEventService events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public String type() {
        return StripeWebhookService.JOB_TYPE;
    }

    @Override
    public void handle(Job job) {
        Optional<UUID> inboxId = inboxId(job.payload());
        if (inboxId.isEmpty()) {
            logger.warn("Dropped stripe-event job {}: its payload names no inbox row", job.id());
            return;
        }
        ProcessingResult result = this.events.process(inboxId.get());
        if (result.state() == InboxState.DEAD && result.claimed()) {
            logger.error("Stripe event {} is dead after its last attempt failed ({}); replay it with "
                    + "POST /admin/stripe-events/<stripeEventId>/replay", result.inboxId(), result.error());
        }
        else if (result.state() == InboxState.FAILED && result.claimed()) {
            logger.warn("Stripe event {} failed and will be retried: {}", result.inboxId(), result.error());
        }
        else {
            logger.debug("Stripe event {} is {}", result.inboxId(), result.state());
        }
    }

    static Optional<UUID> inboxId(String payload) {
        try {
            JsonNode id = JSON.readTree(payload).get("inboxId");
            return (id != null && id.isString()) ? Ids.parse(id.stringValue()) : Optional.empty();
        }
        catch (JacksonException ex) {
            return Optional.empty();
        }
    }
}
