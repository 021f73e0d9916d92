package io.saaskit.core.metering;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.ServiceUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A write-ahead journal of usage events in memory-mapped files on the local disk, shipped to the
 * {@link UsageEventStore} in large batches by a background thread.
 *
 * <p>Why: with {@link GroupCommitRecorder} every metered request waits for a database commit, and the database pays
 * a transaction, a round trip and a WAL flush for every handful of events. Here a request copies its event into the
 * page cache (about a microsecond, no system call, no waiting) and answers; the shipper inserts up to
 * {@link UsageJournalSettings#maxBatch()} events per transaction. An event acknowledged this way survives an
 * application crash, SIGKILL included: the pages belong to the operating system, and the next start of any instance
 * using the same directory ships what is left. What it does not survive before it is shipped (normally a few
 * milliseconds; while the store is unreachable, until it is back) is the loss of the host's memory before the pages
 * reach the disk, which is forced once events have waited a second to be shipped, or of the disk itself. Use it
 * where that trade is right, on a disk that outlives the process.
 *
 * <p>Each instance writes files of its own in a subdirectory it locks; a directory whose lock is free was left by a
 * stopped or crashed instance, and is shipped and deleted by whichever instance finds it first (at start, then
 * every 30 seconds), provided it was written for the same store ({@link UsageEventStore#storeId()}): an app of
 * another database given the same directory leaves it alone. Shipping is idempotent: the store skips events it holds
 * already, so a crash between a commit and the note of it in the file ships those events again, harmlessly. Events
 * the store refuses for their data are counted ({@link #rejected()}) and skipped, so that one bad record cannot stop
 * the journal.
 *
 * <p>Thread-safe. The shipper is a daemon thread started by the constructor; {@link #close()} ships what is left
 * (within the timeout) and leaves the rest on disk for the next start.
 */
public final class UsageJournal implements AutoCloseable {

    private static final System.Logger logger = System.getLogger(UsageJournal.class.getName());

    private static final String INSTANCE_PREFIX = "instance-";

    private static final String LOCK_FILE = "lock";

    /** Holds the {@link UsageEventStore#storeId()} the directory's events belong to. */
    private static final String STORE_FILE = "store";

    private static final String SEGMENT_PREFIX = "segment-";

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * How long the shipper waits after shipping a batch that was not full (not after retiring a file or a
     * directory), so that the next one carries more events: each insert pays a fixed cost (executor start, the rollup
     * deltas, commit with its WAL flush) whatever its size. A {@link #flush()} cuts it short.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final long FORCE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long ORPHAN_SCAN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final UsageEventStore store;

    private final UsageJournalSettings settings;

    private final String storeId;

    private final Claim own;

    private final ReentrantLock appendLock = new ReentrantLock();

    /** Segments not yet shipped, oldest first; the last is the one appended to. Guarded by the append lock. */
    private final Deque<UsageJournalSegment> segments = new ArrayDeque<>();

    /** Guarded by the append lock. */
    private UsageJournalSegment current;

    /** Guarded by the append lock. */
    private long nextSegment;

    /** Records appended; written under the append lock. */
    private volatile long appended;

    /** Records of this instance shipped (or skipped as refused). */
    private volatile long shipped;

    private final Object shippedSignal = new Object();

    private final AtomicLong rejected = new AtomicLong();

    /** How often unshipped files were forced to the disk. */
    private final AtomicLong forces = new AtomicLong();

    /** Directories left by other instances, being shipped; only the shipper thread touches it. */
    private final Deque<Claim> orphans = new ArrayDeque<>();

    /** Directories left by instances of other stores, not to be looked at again; only the shipper thread touches it. */
    private final Set<Path> foreign = new HashSet<>();

    private final Thread shipper;

    /** No appends are accepted; written under the append lock, which appends check it under. */
    private volatile boolean closed;

    /** The shipper stops now, whatever is left. */
    private volatile boolean stopping;

    /** The shipper has shipped everything and stopped. */
    private volatile boolean drained;

    /**
     * Opens a journal: claims a subdirectory of its own, takes over the ones stopped or crashed instances left, and
     * starts the shipper thread ({@code saaskit-usage-journal}).
     * @param store where events are shipped
     * @param settings the directory and sizes
     * @throws IllegalStateException when the directory cannot be created or written
     */
    public UsageJournal(UsageEventStore store, UsageJournalSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.storeId = store.storeId();
        try {
            Files.createDirectories(this.settings.directory());
            this.own = claimOwnDirectory(this.settings.directory(), this.storeId);
            this.current = newSegment();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot open the usage journal in " + this.settings.directory(), ex);
        }
        scanOrphans();
        this.shipper = new Thread(this::shipLoop, "saaskit-usage-journal");
        this.shipper.setDaemon(true);
        this.shipper.start();
    }

    /**
     * Creates and locks a new subdirectory, and notes the store its events are for. Another instance's scan may take
     * a directory in the moment between its creation and its lock (it then deletes it, empty), so a few fresh names
     * are tried.
     */
    private static Claim claimOwnDirectory(Path directory, String storeId) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Path mine = Files.createDirectory(directory.resolve(INSTANCE_PREFIX + UUID.randomUUID()));
            Claim claimed = Claim.tryLock(mine);
            if (claimed != null) {
                Files.writeString(mine.resolve(STORE_FILE), storeId);
                return claimed;
            }
        }
        throw new IOException("Cannot lock a usage journal directory in " + directory);
    }

    /**
     * Appends an event; once this returns, the event survives an application crash and will reach the store.
     * @param event the event
     * @throws ServiceUnavailableException when the journal is closed, full (the store has been unreachable for
     *         long), or cannot be written
     * @throws IllegalArgumentException when the event is larger than a segment
     */
    public void append(UsageEvent event) {
        byte[] payload = UsageEventCodec.encode(event);
        if (payload.length > this.settings.segmentBytes() / 2) {
            throw new IllegalArgumentException(
                    "A usage event of " + payload.length + " bytes does not fit the journal");
        }
        int checksum = UsageJournalSegment.checksum(payload);
        this.appendLock.lock();
        try {
            if (this.closed) {
                throw new ServiceUnavailableException(null);
            }
            if (!this.current.append(payload, checksum)) {
                this.current = newSegmentWithinLimit();
                this.current.append(payload, checksum);
            }
            this.appended++;
        }
        finally {
            this.appendLock.unlock();
        }
    }

    private UsageJournalSegment newSegmentWithinLimit() {
        if ((long) (this.segments.size() + 1) * this.settings.segmentBytes() > this.settings.maxBytes()) {
            throw new ServiceUnavailableException(null);
        }
        try {
            return newSegment();
        }
        catch (IOException ex) {
            throw new ServiceUnavailableException(ex);
        }
    }

    private UsageJournalSegment newSegment() throws IOException {
        Path file = this.own.directory().resolve(SEGMENT_PREFIX + "%020d".formatted(this.nextSegment));
        UsageJournalSegment segment = UsageJournalSegment.create(file, this.settings.segmentBytes());
        this.nextSegment++;
        this.segments.addLast(segment);
        return segment;
    }

    /**
     * Waits until every event appended before the call is in the store, for example before removing one of them.
     * @return true when they are, false when the timeout passed first
     */
    public boolean flush() {
        long target = this.appended;
        long deadline = System.nanoTime() + this.settings.timeout().toNanos();
        LockSupport.unpark(this.shipper);
        synchronized (this.shippedSignal) {
            while (this.shipped < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this.shippedSignal, left);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * How many events are appended but not yet in the store.
     * @return the backlog of this instance
     */
    public long backlog() {
        return this.appended - this.shipped;
    }

    /**
     * How many events the store refused for their data and the journal skipped.
     * @return the count since the journal was opened
     */
    public long rejected() {
        return this.rejected.get();
    }

    /** How often the files were forced to the disk because shipping lagged; for tests. */
    long forces() {
        return this.forces.get();
    }

    private void shipLoop() {
        List<UsageEvent> batch = new ArrayList<>();
        long backoff = 0;
        long lastForce = System.nanoTime();
        long lastScan = lastForce;
        long appendedAtLastForce = 0;
        while (!this.stopping) {
            long now = System.nanoTime();
            if (now - lastForce >= FORCE_INTERVAL_NANOS) {
                // Only when shipping lags (the store is down, or slower than the appends): an event appended before
                // the last check is still not in the store. While it keeps up, nothing is forced, so appends never
                // wait for pages being written.
                if (this.shipped < appendedAtLastForce) {
                    forceUnshipped();
                    this.forces.incrementAndGet();
                }
                appendedAtLastForce = this.appended;
                lastForce = now;
            }
            if (now - lastScan >= ORPHAN_SCAN_INTERVAL_NANOS) {
                scanOrphans();
                lastScan = now;
            }
            boolean worked;
            boolean partial;
            try {
                worked = shipOrphan(batch) || shipOwn(batch);
                partial = !batch.isEmpty() && batch.size() < this.settings.maxBatch();
                if (backoff != 0) {
                    logger.log(Level.INFO, "Usage journal: shipping to the store resumed");
                }
                backoff = 0;
            }
            catch (RuntimeException unavailable) {
                // The store is unreachable (or failed): the records stay where they are and are read again.
                if (backoff == 0) {
                    logger.log(Level.WARNING, "Usage journal: shipping to the store failed ("
                            + unavailable.getClass().getSimpleName() + "); " + backlog()
                            + " events wait on disk, retrying every 2 s at most");
                }
                backoff = Math.min(Math.max(backoff * 2, MIN_BACKOFF_NANOS), MAX_BACKOFF_NANOS);
                LockSupport.parkNanos(backoff);
                continue;
            }
            finally {
                batch.clear();
            }
            if (!worked) {
                if (this.closed && backlog() == 0) {
                    this.drained = true;
                    return;
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
            else if (partial && !this.closed) {
                LockSupport.parkNanos(LINGER_NANOS);
            }
        }
    }

    /** Ships the next batch of this instance's records; false when there was nothing to ship. */
    private boolean shipOwn(List<UsageEvent> batch) {
        UsageJournalSegment head = oldestSegment();
        if (head == null) {
            return false;
        }
        int records = shipNext(head, batch);
        if (records < 0) {
            retire(head);
            return true;
        }
        if (records == 0) {
            return false;
        }
        synchronized (this.shippedSignal) {
            this.shipped += records;
            this.shippedSignal.notifyAll();
        }
        return true;
    }

    private @Nullable UsageJournalSegment oldestSegment() {
        this.appendLock.lock();
        try {
            return this.segments.peekFirst();
        }
        finally {
            this.appendLock.unlock();
        }
    }

    /** Removes a segment whose end mark the shipper has reached: a newer one is being appended to. */
    private void retire(UsageJournalSegment segment) {
        this.appendLock.lock();
        try {
            this.segments.remove(segment);
        }
        finally {
            this.appendLock.unlock();
        }
        deleteQuietly(segment.file());
    }

    /** Ships the next batch left by another instance; false when there is none. */
    private boolean shipOrphan(List<UsageEvent> batch) {
        Claim orphan = this.orphans.peekFirst();
        if (orphan == null) {
            return false;
        }
        UsageJournalSegment head = orphan.segments().peekFirst();
        if (head == null) {
            this.orphans.removeFirst();
            orphan.release(true);
            return true;
        }
        if (shipNext(head, batch) <= 0) {
            // A file left behind holds nothing more: no record will ever be appended to it.
            orphan.segments().removeFirst();
            deleteQuietly(head.file());
        }
        return true;
    }

    /**
     * Ships the next batch of a segment's records.
     * @return how many records were shipped (skipped ones included), or -1 when the segment holds no more
     */
    private int shipNext(UsageJournalSegment segment, List<UsageEvent> batch) {
        if (segment.exhausted()) {
            return -1;
        }
        int records = segment.read(batch, this.settings.maxBatch());
        if (records > 0) {
            ship(batch);
            segment.shipped();
        }
        return records;
    }

    private void ship(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            this.store.insertBatch(events);
        }
        catch (RejectedUsageEventException refused) {
            for (UsageEvent event : events) {
                try {
                    this.store.insertBatch(List.of(event));
                }
                catch (RejectedUsageEventException ex) {
                    this.rejected.incrementAndGet();
                    logger.log(Level.ERROR, "Usage journal: the store refused usage event " + event.id()
                            + " of organization " + event.orgId() + "; it was skipped");
                }
            }
        }
    }

    private void forceUnshipped() {
        List<UsageJournalSegment> unshipped;
        this.appendLock.lock();
        try {
            unshipped = List.copyOf(this.segments);
        }
        finally {
            this.appendLock.unlock();
        }
        // Only dirty pages are written, so the fully shipped head (not yet retired) costs next to nothing.
        unshipped.forEach(UsageJournalSegment::force);
    }

    /**
     * Claims the directories of instances of this store that are gone (their lock is free) and queues their files.
     */
    private void scanOrphans() {
        Path directory = this.settings.directory();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, INSTANCE_PREFIX + "*")) {
            for (Path dir : dirs) {
                if (dir.equals(this.own.directory()) || this.orphans.stream().anyMatch((o) -> o.directory().equals(dir))
                        || this.foreign.contains(dir) || !Files.isDirectory(dir)) {
                    continue;
                }
                Claim orphan = Claim.tryLock(dir);
                if (orphan != null) {
                    takeOver(orphan);
                }
            }
        }
        catch (IOException ex) {
            // Retried at the next scan; this instance's own journal is unaffected.
        }
    }

    /**
     * Queues the files of a directory left by a stopped instance, unless they were written for another store. A
     * directory without a store note (left by a version that wrote none), or with an empty one (its instance
     * stopped while writing it, before any segment), is taken as this store's.
     */
    private void takeOver(Claim orphan) throws IOException {
        Path storeFile = orphan.directory().resolve(STORE_FILE);
        String owner = Files.exists(storeFile) ? Files.readString(storeFile) : "";
        if (!owner.isEmpty() && !owner.equals(this.storeId)) {
            this.foreign.add(orphan.directory());
            orphan.release(false);
            logger.log(Level.WARNING, "Usage journal: leaving " + orphan.directory() + " alone: its events belong to "
                    + "another database (store " + owner + "); an app of that database started with this directory "
                    + "ships them");
            return;
        }
        try {
            orphan.recoverSegments();
        }
        catch (IOException ex) {
            orphan.release(false);
            throw ex;
        }
        if (!orphan.segments().isEmpty()) {
            logger.log(Level.INFO, "Usage journal: shipping " + orphan.segments().size()
                    + " file(s) a stopped instance left in " + orphan.directory());
        }
        this.orphans.addLast(orphan);
    }

    /**
     * Stops accepting events, ships what is left within the timeout, and stops the shipper. What could not be
     * shipped stays on disk, and the next instance to start with this directory ships it.
     */
    @Override
    public void close() {
        this.appendLock.lock();
        try {
            if (this.closed) {
                return;
            }
            this.closed = true;
        }
        finally {
            this.appendLock.unlock();
        }
        LockSupport.unpark(this.shipper);
        try {
            this.shipper.join(this.settings.timeout().toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.stopping = true;
        LockSupport.unpark(this.shipper);
        try {
            this.shipper.join(this.settings.timeout().toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (this.drained) {
            this.appendLock.lock();
            try {
                this.segments.forEach((segment) -> deleteQuietly(segment.file()));
                this.segments.clear();
            }
            finally {
                this.appendLock.unlock();
            }
        }
        this.own.release(this.drained);
        if (!this.shipper.isAlive()) {
            // Otherwise the shipper, stuck in the store, still owns them; the locks go with the process.
            this.orphans.forEach((orphan) -> orphan.release(false));
            this.orphans.clear();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ex) {
            // Left behind: an orphan scan finds it again, and shipping it again is harmless.
        }
    }

    /**
     * A journal directory this instance holds the lock of: its own, or one left by an instance that is gone.
     *
     * @param directory the directory
     * @param channel the open lock file
     * @param lock the lock, held until released
     * @param segments its segments not yet shipped, oldest first, once recovered (always empty for this instance's
     *                 own directory, whose segments the journal keeps)
     */
    private record Claim(Path directory, FileChannel channel, FileLock lock, Deque<UsageJournalSegment> segments) {

        /** Locks a directory; null when another instance (or this JVM) holds it. */
        static @Nullable Claim tryLock(Path directory) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return null;
                }
                return new Claim(directory, channel, lock, new ArrayDeque<>());
            }
            catch (IOException | OverlappingFileLockException ex) {
                closeQuietly(channel);
                return null;
            }
        }

        /** Opens the directory's segments, oldest first, into {@link #segments()}. */
        void recoverSegments() throws IOException {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.directory, SEGMENT_PREFIX + "*")) {
                stream.forEach(files::add);
            }
            files.sort(null);
            for (Path file : files) {
                try {
                    this.segments.addLast(UsageJournalSegment.recover(file));
                }
                catch (IOException ex) {
                    // Not a segment (or unreadable): left in place, so the directory is kept and nothing is lost.
                }
            }
        }

        /**
         * Releases the lock; with {@code delete}, removes the lock and store files and the directory if nothing else
         * is in it.
         */
        void release(boolean delete) {
            try {
                if (delete) {
                    Files.deleteIfExists(this.directory.resolve(STORE_FILE));
                    Files.deleteIfExists(this.directory.resolve(LOCK_FILE));
                }
                this.lock.release();
            }
            catch (IOException ex) {
                // The lock goes with the channel below.
            }
            closeQuietly(this.channel);
            if (delete) {
                try {
                    Files.deleteIfExists(this.directory);
                }
                catch (IOException ex) {
                    // Not empty (a file that is not a segment): kept for a person to look at.
                }
            }
        }

        private static void closeQuietly(@Nullable FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                }
                catch (IOException ex) {
                    // Nothing else to do with a lock file that will not close.
                }
            }
        }
    }
}
