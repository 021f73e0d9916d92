package io.saaskit.core.billing;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What one run of the {@code stripe-event} job did to its inbox row.
 *
 * @param inboxId the row
 * @param claimed whether this run claimed the row; false when it was done, dead, not due, or leased to another
 *                worker (the run then changed nothing)
 * @param state the row's state after the run
 * @param error the failure of this run, for {@link InboxState#FAILED} and {@link InboxState#DEAD}, or {@code null}
 */
public record ProcessingResult(UUID inboxId, boolean claimed, @Nullable InboxState state, @Nullable String error) {

    public ProcessingResult {
        Objects.requireNonNull(inboxId, "inboxId");
    }
}
