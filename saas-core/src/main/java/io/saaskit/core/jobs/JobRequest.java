package io.saaskit.core.jobs;

import java.util.Objects;

/**
 * A request to run one job later: which queue carries it, which handler runs it and the handler's input.
 *
 * <p>The payload is a small JSON document (for example {@code {"inboxId":"..."}}) rather than a typed object, so
 * that every queue implementation can store it as text and a worker of another version can still read it.
 *
 * @param queue the queue, for example {@value #STRIPE_EVENTS}; lower-case letters, digits and dashes
 * @param type the job type naming its {@link JobHandler}, for example {@code stripe-event}
 * @param payload the handler's input as JSON text, at most {@value #MAX_PAYLOAD_LENGTH} characters
 */
public record JobRequest(String queue, String type, String payload) {

    /** The queue of Stripe webhook events. */
    public static final String STRIPE_EVENTS = "stripe-events";

    /** The queue of daily usage rollups. */
    public static final String USAGE_ROLLUPS = "usage-rollups";

    /** The queue of housekeeping jobs: retention, cleanup, reconciliation. */
    public static final String MAINTENANCE = "maintenance";

    /** Longest accepted payload, in characters. */
    public static final int MAX_PAYLOAD_LENGTH = 65_536;

    public JobRequest {
        requireName(queue, "queue");
        requireName(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (payload.isBlank() || payload.length() > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("A job payload is 1 to " + MAX_PAYLOAD_LENGTH + " characters");
        }
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!value.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("A job " + what + " is 1 to 63 lower-case letters, digits and dashes");
        }
    }
}
