package io.saaskit.boot.web.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Formats instants the way the API promises: ISO-8601 in UTC with exactly three fraction digits and {@code Z}
 * ({@code 2026-03-01T12:00:00.000Z}), whatever the host application's Jackson settings are.
 */
public final class JsonTimestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonTimestamps() {
    }

    /**
     * Formats an instant.
     * @param instant the instant
     * @return the text
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * Formats an optional instant.
     * @param instant the instant, or {@code null}
     * @return the text, or {@code null}
     */
    public static @Nullable String formatNullable(@Nullable Instant instant) {
        return (instant != null) ? format(instant) : null;
    }
}
