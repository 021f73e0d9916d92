package io.saaskit.core.metering;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;

/**
 * The binary form of a {@link UsageEvent} in the {@link UsageJournal}: fixed-width ids, quantities and instants
 * (microseconds since the epoch, the precision the event keeps), strings as UTF-8 with an int length, -1 for an
 * absent one. A route event's {@code auto:<id>} key is written as length -2, since it repeats the event's id.
 */
final class UsageEventCodec {

    private static final int ABSENT = -1;

    private static final int AUTO_KEY = -2;

    private static final String AUTO_PREFIX = "auto:";

    private UsageEventCodec() {
    }

    /**
     * Encodes an event.
     * @param event the event
     * @return its bytes
     */
    static byte[] encode(UsageEvent event) {
        byte[] metric = utf8(event.metric());
        boolean autoKey = event.idempotencyKey().equals(AUTO_PREFIX + event.id());
        byte[] key = autoKey ? null : utf8(event.idempotencyKey());
        byte[] payloadHash = utf8(event.payloadHash());
        byte[] requestId = utf8(event.requestId());
        byte[] properties = utf8(event.properties());
        int size = 16 + 16 + 8 + 8 + 8 + 1 + ((event.apiKeyId() != null) ? 16 : 0)
                + sized(metric) + sized(key) + sized(payloadHash) + sized(requestId) + sized(properties);
        ByteBuffer out = ByteBuffer.allocate(size);
        putUuid(out, event.id());
        putUuid(out, event.orgId().value());
        out.putLong(event.quantity());
        out.putLong(micros(event.occurredAt()));
        out.putLong(micros(event.recordedAt()));
        ApiKeyId apiKeyId = event.apiKeyId();
        out.put((byte) ((apiKeyId != null) ? 1 : 0));
        if (apiKeyId != null) {
            putUuid(out, apiKeyId.value());
        }
        put(out, metric, ABSENT);
        put(out, key, AUTO_KEY);
        put(out, payloadHash, ABSENT);
        put(out, requestId, ABSENT);
        put(out, properties, ABSENT);
        return out.array();
    }

    /**
     * Decodes an event written by {@link #encode}.
     * @param bytes the bytes of one event
     * @return the event
     * @throws IllegalArgumentException when the bytes are not an encoded event
     */
    static UsageEvent decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            UUID id = getUuid(in);
            OrgId orgId = new OrgId(getUuid(in));
            long quantity = in.getLong();
            Instant occurredAt = instant(in.getLong());
            Instant recordedAt = instant(in.getLong());
            ApiKeyId apiKeyId = (in.get() == 1) ? new ApiKeyId(getUuid(in)) : null;
            String metric = required(getString(in));
            int keyLength = in.getInt();
            String key = (keyLength == AUTO_KEY) ? AUTO_PREFIX + id : required(string(in, keyLength));
            return new UsageEvent(id, orgId, metric, quantity, occurredAt, recordedAt, apiKeyId, key, getString(in),
                    getString(in), getString(in));
        }
        catch (BufferUnderflowException | IndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("Not an encoded usage event", ex);
        }
    }

    private static byte @Nullable [] utf8(@Nullable String value) {
        return (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null;
    }

    private static int sized(byte @Nullable [] bytes) {
        return 4 + ((bytes != null) ? bytes.length : 0);
    }

    private static void put(ByteBuffer out, byte @Nullable [] bytes, int absent) {
        if (bytes == null) {
            out.putInt(absent);
            return;
        }
        out.putInt(bytes.length);
        out.put(bytes);
    }

    private static @Nullable String getString(ByteBuffer in) {
        return string(in, in.getInt());
    }

    private static @Nullable String string(ByteBuffer in, int length) {
        if (length == ABSENT) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("Not an encoded usage event");
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static String required(@Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException("Not an encoded usage event");
        }
        return value;
    }

    private static void putUuid(ByteBuffer out, UUID value) {
        out.putLong(value.getMostSignificantBits());
        out.putLong(value.getLeastSignificantBits());
    }

    private static UUID getUuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
