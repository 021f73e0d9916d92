package io.saaskit.core.metering;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One file of the {@link UsageJournal}, memory-mapped: the pages belong to the operating system's page cache, so
 * whatever a request thread has copied into them outlives the application process, even one killed with SIGKILL.
 *
 * <p>Layout: a 16-byte header (magic, version, and the offset of the first record not yet shipped, rewritten after
 * each shipped batch), then records of {@code [int length][int CRC32C][payload]}. A length of 0 is space never
 * written (the file is created full of zeros); {@link #END} says the journal went on in the next file. Records are
 * appended under the journal's lock and published to the shipper through {@link #published}, so the shipper reads
 * only whole records of a running segment; a file left by a crash is read up to its first zero length, and a record
 * whose checksum fails (torn while written, never acknowledged) is skipped.
 */
final class UsageJournalSegment {

    /** The length that marks the end of a segment's records. */
    static final int END = -1;

    static final int HEADER_BYTES = 16;

    private static final int RECORD_HEADER_BYTES = 8;

    private static final int MAGIC = 0x534B4A31;

    private static final int VERSION = 1;

    private static final int SHIPPED_OFFSET = 8;

    private final Path file;

    private final MappedByteBuffer buffer;

    private final int capacity;

    /**
     * Everything below this offset is whole records the shipper may read; where the next record goes (appends,
     * under the journal's lock, write it last).
     */
    private volatile int published;

    /** Where the shipper reads next; only the shipper thread touches it. */
    private int readPosition;

    /** Where the records of the last {@link #read} end; only the shipper thread touches it. */
    private int readEnd;

    private UsageJournalSegment(Path file, MappedByteBuffer buffer) {
        this.file = file;
        this.buffer = buffer;
        this.capacity = buffer.capacity();
    }

    /**
     * Creates a new, empty segment file.
     * @param file the file, which must not exist
     * @param capacity its size in bytes
     * @return the segment, ready for appends
     * @throws IOException when the file cannot be created or mapped
     */
    static UsageJournalSegment create(Path file, int capacity) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            UsageJournalSegment segment = new UsageJournalSegment(file,
                    channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity));
            segment.buffer.putInt(0, MAGIC);
            segment.buffer.putInt(4, VERSION);
            segment.buffer.putLong(SHIPPED_OFFSET, HEADER_BYTES);
            segment.readPosition = HEADER_BYTES;
            segment.published = HEADER_BYTES;
            return segment;
        }
    }

    /**
     * Opens a segment a stopped or crashed process left, for shipping what it holds.
     * @param file the file
     * @return the segment, read from its shipped offset up to its first zero length
     * @throws IOException when the file cannot be read or is not a segment
     */
    static UsageJournalSegment recover(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < HEADER_BYTES || size > Integer.MAX_VALUE) {
                throw new IOException("Not a usage journal segment: " + file);
            }
            UsageJournalSegment segment = new UsageJournalSegment(file,
                    channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
            long shipped = segment.buffer.getLong(SHIPPED_OFFSET);
            if (segment.buffer.getInt(0) != MAGIC || segment.buffer.getInt(4) != VERSION || shipped < HEADER_BYTES
                    || shipped > size) {
                throw new IOException("Not a usage journal segment: " + file);
            }
            segment.readPosition = (int) shipped;
            segment.published = segment.capacity;
            return segment;
        }
    }

    /**
     * The checksum a record carries, computed by the caller of {@link #append} outside the journal's lock.
     * @param payload the record's bytes
     * @return their CRC32C
     */
    static int checksum(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    /**
     * Appends a record, or closes the segment with {@link #END} when it does not fit (the caller then appends to
     * a new segment). Called under the journal's lock.
     * @param payload the record's bytes
     * @param checksum their {@link #checksum}
     * @return whether the record was appended
     */
    boolean append(byte[] payload, int checksum) {
        int position = this.published;
        if (position == this.capacity) {
            return false;
        }
        int needed = RECORD_HEADER_BYTES + payload.length;
        if (position + needed + 4 > this.capacity) {
            this.buffer.putInt(position, END);
            this.published = this.capacity;
            return false;
        }
        this.buffer.put(position + RECORD_HEADER_BYTES, payload);
        this.buffer.putInt(position + 4, checksum);
        this.buffer.putInt(position, payload.length);
        this.published = position + needed;
        return true;
    }

    /**
     * Reads the next published records for shipping, without moving past them until {@link #shipped} is called.
     * @param into receives the events of whole records with a valid checksum
     * @param max the most records to read
     * @return how many records were read, skipped ones included
     */
    int read(List<UsageEvent> into, int max) {
        int position = this.readPosition;
        int limit = this.published;
        int read = 0;
        while (read < max && position + RECORD_HEADER_BYTES <= limit) {
            int length = this.buffer.getInt(position);
            if (length <= 0 || position + RECORD_HEADER_BYTES + length > limit) {
                break;
            }
            byte[] payload = new byte[length];
            this.buffer.get(position + RECORD_HEADER_BYTES, payload);
            if (checksum(payload) == this.buffer.getInt(position + 4)) {
                decodeInto(into, payload);
            }
            position += RECORD_HEADER_BYTES + length;
            read++;
        }
        this.readEnd = position;
        return read;
    }

    private static void decodeInto(List<UsageEvent> into, byte[] payload) {
        try {
            into.add(UsageEventCodec.decode(payload));
        }
        catch (IllegalArgumentException ex) {
            // A record whose checksum matches but whose bytes are not an event was not written by this codec
            // version; it cannot be shipped, and keeping it would stop the journal.
        }
    }

    /**
     * Moves the read position past the records of the last {@link #read}, now in the store, and remembers it in the
     * file, so a restart does not ship them again (which would be harmless but for an event removed meanwhile).
     */
    void shipped() {
        this.readPosition = this.readEnd;
        this.buffer.putLong(SHIPPED_OFFSET, this.readEnd);
    }

    /**
     * Whether the shipper has read everything this segment will ever hold.
     * @return true when the next record is the end mark, space never written, or past the end of a recovered file
     */
    boolean exhausted() {
        int position = this.readPosition;
        if (position + RECORD_HEADER_BYTES > this.published) {
            return this.published == this.capacity;
        }
        int length = this.buffer.getInt(position);
        if (length == END) {
            return true;
        }
        // A recovered file ends at its first zero or impossible length; a running one only at its end mark.
        return this.published == this.capacity && (length <= 0
                || position + RECORD_HEADER_BYTES + length > this.capacity);
    }

    /** Writes the segment's dirty pages to the disk. */
    void force() {
        this.buffer.force();
    }

    /**
     * The segment's file.
     * @return the path
     */
    Path file() {
        return this.file;
    }
}
