package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Metering, bound from {@code saaskit.metering.*}.
 *
 * @param recorder How usage events are made durable by group commit.
 * @param lease How quota is leased in blocks from the shared counter.
 */
@ConfigurationProperties("saaskit.metering")
public record SaasMeteringProperties(@DefaultValue Recorder recorder, @DefaultValue Lease lease) {

    /**
     * Quota leasing: each instance takes quota from the shared counter (Redis or PostgreSQL) in blocks and hands it
     * out locally, so the shared store is touched once per block. Blocks shrink as the limit nears, so no instance
     * ever passes it; quota leased by one instance is unavailable to the others until used or given back.
     *
     * @param maxBlock Largest block leased at once. 1 turns leasing off: every request asks the shared counter.
     * @param divisor A block is at most the remaining quota divided by this, so the last units go one at a time.
     * @param idleReturn How long an unused lease stays with an instance before it is given back.
     */
    public record Lease(@DefaultValue("100") int maxBlock, @DefaultValue("64") int divisor,
            @DefaultValue("2s") Duration idleReturn) {
    }

    /**
     * The group-commit recorder: requests wait for the batched insert that carries their usage event.
     *
     * @param maxBatch Most usage events written in one transaction.
     * @param linger How long a writer waits for more events after the first of a batch. Zero writes whatever is
     * queued at once; under load, batches grow while the previous one commits.
     * @param writers How many batches may be written at once, each on its own database connection.
     * @param timeout How long a request waits for its event to be taken into a batch before it answers 503.
     * @param interval Least time between the starts of two batches of a writer. Events arriving sooner after a batch
     * started wait for the rest of it and go together, so under load each commit carries more events; an event
     * arriving after a quiet interval is written at once. Zero starts each batch as soon as the previous one has
     * committed.
     */
    public record Recorder(@DefaultValue("500") int maxBatch, @DefaultValue("0ms") Duration linger,
            @DefaultValue("1") int writers, @DefaultValue("10s") Duration timeout,
            @DefaultValue("0ms") Duration interval) implements GroupCommitProperties {
    }
}
