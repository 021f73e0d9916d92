package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import io.saaskit.core.shared.GroupCommitSettings;

/**
 * The batching properties of a group commit ({@code max-batch}, {@code linger}, {@code writers}, {@code timeout},
 * {@code interval}), shared by the usage recorder and the webhook inbox so both are checked and reported the same
 * way.
 */
public interface GroupCommitProperties {

    /**
     * The most items one transaction carries.
     * @return the maximum batch size
     */
    int maxBatch();

    /**
     * How long a writer waits for more items after the first of a batch.
     * @return the linger
     */
    Duration linger();

    /**
     * How many batches may be written at once.
     * @return the number of writer threads
     */
    int writers();

    /**
     * How long a caller waits to be taken into a batch.
     * @return the timeout
     */
    Duration timeout();

    /**
     * The least time between the starts of two batches of one writer.
     * @return the interval
     */
    Duration interval();

    /**
     * These properties as group-commit settings.
     * @param prefix the properties' prefix, for the startup error
     * @return the settings
     * @throws InvalidSaasPropertyException when a value is out of range
     */
    default GroupCommitSettings settings(String prefix) {
        try {
            return new GroupCommitSettings(maxBatch(), linger(), writers(), timeout(), interval());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSaasPropertyException(prefix, ex.getMessage(),
                    "Use a positive max-batch, writers and timeout, and a linger and interval of zero or more.");
        }
    }
}
