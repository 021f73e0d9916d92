package io.saaskit.core.metering;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a {@link UsageJournal} keeps usage events until they are in the store.
 *
 * @param directory the directory holding the journals of every instance on this host (each instance writes its own
 *                  subdirectory, and takes over the ones a stopped or crashed instance left); it must be on a disk
 *                  that outlives the process, and survives a restart of the host or container if events must
 *                  survive that too
 * @param segmentBytes the size of one journal file, preallocated
 * @param maxBytes the most journal files one instance may hold unshipped, in bytes (while the store is unreachable
 *                 the journal grows; past this, requests are answered 503 instead)
 * @param maxBatch the most events shipped to the store in one transaction
 * @param timeout how long a {@link UsageJournal#flush} waits for the shipper
 */
public record UsageJournalSettings(Path directory, int segmentBytes, long maxBytes, int maxBatch, Duration timeout) {

    /** The smallest segment accepted. */
    public static final int MIN_SEGMENT_BYTES = 64 * 1024;

    public UsageJournalSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(timeout, "timeout");
        if (segmentBytes < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes must be at least " + MIN_SEGMENT_BYTES);
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException("maxBytes must be at least one segment");
        }
        if (maxBatch < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxBatch and timeout must be positive");
        }
    }

    /**
     * The recommended settings for a directory: 64 MiB segments (about 400,000 route events), at most 1 GiB
     * unshipped, batches of up to 1,000 events, 10 s flush timeout.
     * @param directory the directory
     * @return the settings
     */
    public static UsageJournalSettings defaults(Path directory) {
        return new UsageJournalSettings(directory, 64 * 1024 * 1024, 1024L * 1024 * 1024, 1000,
                Duration.ofSeconds(10));
    }
}
