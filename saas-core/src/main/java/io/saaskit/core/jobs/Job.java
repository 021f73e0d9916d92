package io.saaskit.core.jobs;

import java.util.Objects;

/**
 * A job as delivered to its {@link JobHandler}.
 *
 * @param id the queue's id for this delivery's message, stable across redeliveries
 * @param queue the queue that carried it
 * @param type the job type
 * @param payload the handler's input as JSON text
 * @param attempt 1 for the first delivery, then one more for every redelivery after a failure or lost lease
 */
public record Job(String id, String queue, String type, String payload, int attempt) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
    }
}
