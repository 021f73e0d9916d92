package io.saaskit.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.saaskit.core.metering.UsageJournalSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Metering, bound from {@code saaskit.metering.*}.
 *
 * @param recorder How usage events are made durable by group commit.
 * @param lease How quota is leased in blocks from the shared counter.
 * @param journal The local usage journal, an alternative to waiting for the group commit.
 */
@ConfigurationProperties("saaskit.metering")
public record SaasMeteringProperties(@DefaultValue Recorder recorder, @DefaultValue Lease lease,
        @DefaultValue Journal journal) {

    /**
     * The local usage journal, off unless a directory is set: the events of metered routes are then appended to
     * memory-mapped files before the response (an application crash, SIGKILL included, loses none of them) and
     * shipped to the database in large batches moments later, instead of each request waiting for its group commit.
     * Unshipped events are lost only with the host's memory or disk; see docs/configuration.md.
     *
     * @param directory Directory of the journal, on a disk that outlives the process. Each instance writes a
     * subdirectory of its own and ships what stopped or crashed instances left there.
     * @param segmentSize Size of one journal file.
     * @param maxSize Most unshipped journal one instance holds; past it (the database has been unreachable for
     * long) metered requests answer 503.
     * @param maxBatch Most events shipped in one transaction.
     * @param timeout How long a step that needs the events in the database (removing the event of a failed request,
     * re-counting quota) waits for the journal to be shipped.
     */
    public record Journal(@Nullable Path directory, @DefaultValue("64MB") DataSize segmentSize,
            @DefaultValue("1GB") DataSize maxSize, @DefaultValue("1000") int maxBatch,
            @DefaultValue("10s") Duration timeout) {

        /**
         * The journal's settings, once a directory is set.
         * @return the settings
         * @throws InvalidSaasPropertyException when a value is out of range
         */
        UsageJournalSettings settings() {
            Path journalDirectory = Objects.requireNonNull(this.directory, "saaskit.metering.journal.directory");
            if (this.segmentSize.toBytes() > Integer.MAX_VALUE) {
                throw new InvalidSaasPropertyException("saaskit.metering.journal.segment-size",
                        "A journal file must be smaller than 2GB", "Use a segment-size such as 64MB.");
            }
            try {
                return new UsageJournalSettings(journalDirectory, (int) this.segmentSize.toBytes(),
                        this.maxSize.toBytes(), this.maxBatch, this.timeout);
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidSaasPropertyException("saaskit.metering.journal", ex.getMessage(),
                        "Use a segment-size of at least 64KB, a max-size of at least one segment, and a positive "
                                + "max-batch and timeout.");
            }
        }
    }

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
