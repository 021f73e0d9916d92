package io.saaskit.core.billing;

import java.util.UUID;

/**
 * What storing a received event did.
 */
public sealed interface InboxInsert {

    /**
     * The inbox row of the event.
     * @return the row id
     */
    UUID inboxId();

    /**
     * The event was new and is stored as {@code received}.
     * @param inboxId the new row
     */
    record Stored(UUID inboxId) implements InboxInsert {
    }

    /**
     * The event was already stored (a redelivery, or a concurrent first delivery that lost the race).
     * @param inboxId the existing row
     * @param rearmed whether the existing row was {@code dead} and is now {@code received} again
     */
    record Duplicate(UUID inboxId, boolean rearmed) implements InboxInsert {
    }
}
