package io.saaskit.boot.web.usage;

import java.util.Objects;

import io.saaskit.core.metering.Admission;
import io.saaskit.core.metering.MeteringService;
import io.saaskit.core.metering.UsageEvent;

/**
 * The metering of one request to a metered route: admitted, and then either recorded (its usage event durable,
 * which happens automatically just before a successful response body is written) or given back (the request
 * failed).
 *
 * <p>A handler may call {@link #record()} itself, for example before a side effect that must not happen unbilled;
 * recording twice records once. If the response then turns out to be a 5xx, the event is removed again and the
 * quantity returned, so failed requests are never billed.
 */
public final class MeteredRequest {

    private final MeteringService metering;

    private final Admission admission;

    private final UsageEvent event;

    private State state = State.ADMITTED;

    MeteredRequest(MeteringService metering, Admission admission, UsageEvent event) {
        this.metering = Objects.requireNonNull(metering, "metering");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.event = Objects.requireNonNull(event, "event");
    }

    /**
     * The admission: metric, quantity, period, limit and usage after it.
     * @return the admission
     */
    public Admission admission() {
        return this.admission;
    }

    /**
     * The usage event this request records.
     * @return the event
     */
    public UsageEvent event() {
        return this.event;
    }

    /**
     * Makes the request's usage event durable; returns once it is. Does nothing when already recorded.
     * @throws io.saaskit.core.shared.ServiceUnavailableException when it cannot be recorded (the quantity was
     * given back; the request must fail)
     * @throws IllegalStateException when the request was already given back
     */
    public synchronized void record() {
        if (this.state == State.RECORDED) {
            return;
        }
        if (this.state != State.ADMITTED) {
            throw new IllegalStateException("The request's usage was already given back");
        }
        this.state = State.FAILED;
        if (this.metering.record(this.admission, this.event)) {
            this.state = State.RECORDED;
        }
    }

    /**
     * Gives the request's usage back because it failed: the event is removed if it was recorded, and the quantity
     * returned.
     */
    synchronized void giveBack() {
        if (this.state == State.ADMITTED) {
            this.metering.cancel(this.admission);
        }
        else if (this.state == State.RECORDED) {
            this.metering.compensate(this.admission, this.event.id());
        }
        this.state = State.GIVEN_BACK;
    }

    /**
     * Whether the usage event is durable.
     * @return true once recorded
     */
    public synchronized boolean isRecorded() {
        return this.state == State.RECORDED;
    }

    synchronized boolean isPending() {
        return this.state == State.ADMITTED;
    }

    /** Where the request's metering stands. */
    private enum State {

        /** Quota taken, event not yet recorded. */
        ADMITTED,

        /** Event durable. */
        RECORDED,

        /** Recording failed; the metering service gave the quota back. */
        FAILED,

        /** The request failed; its usage was given back. */
        GIVEN_BACK
    }
}
