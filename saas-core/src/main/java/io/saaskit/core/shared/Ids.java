package io.saaskit.core.shared;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates and parses record ids. New ids are RFC 9562 version 7 UUIDs (a 48-bit millisecond timestamp followed
 * by random bits) so they sort by creation time and index well; parsing is lenient about nothing, so a
 * malformed id in a URL is simply "not found".
 */
public final class Ids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    /**
     * A new version 7 UUID stamped with the clock's current millisecond.
     * @param clock the time source
     * @return a new id
     */
    public static UUID next(Clock clock) {
        long millis = clock.millis();
        long randA = PerThreadSecureRandom.nextLong() & 0xFFFL;
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (PerThreadSecureRandom.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /**
     * Parses the canonical 36-character text form of a UUID.
     * @param text the text, possibly malformed
     * @return the UUID, or empty when the text is not canonical
     */
    public static Optional<UUID> parse(String text) {
        if (!CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
