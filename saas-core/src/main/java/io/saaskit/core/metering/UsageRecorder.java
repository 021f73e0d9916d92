package io.saaskit.core.metering;

/**
 * How {@link MeteringService} makes an admitted request's usage event durable: {@link GroupCommitRecorder} (the
 * default: in the database before the response) or {@link JournalingUsageRecorder} (in a local journal before the
 * response, in the database moments later).
 */
public interface UsageRecorder {

    /**
     * Records an event; once this returns, the event survives an application crash.
     * @param event the event
     * @return true when recorded, false when its idempotency key was already taken in its organization
     * @throws io.saaskit.core.shared.ServiceUnavailableException when the event could not be recorded (it was not)
     * @throws RejectedUsageEventException when the store refused this event's data (it was not recorded)
     */
    boolean record(UsageEvent event);

    /**
     * Waits until every event recorded so far is in the store, so it can be read or removed there.
     * @throws io.saaskit.core.shared.ServiceUnavailableException when they are not there within the timeout
     */
    void awaitStored();
}
