package io.saaskit.adapters.stripe;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.saaskit.core.billing.StripeEvent;
import io.saaskit.core.billing.StripeSubscription;
import io.saaskit.core.billing.port.StripeEventReader;
import io.saaskit.core.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * Reads Stripe event payloads as JSON, whatever their API version: the envelope ({@code id}, {@code type},
 * {@code created}, {@code api_version}, {@code livemode}) and the fields of {@code data.object} that billing uses.
 *
 * <p>Payloads are read as plain JSON rather than through stripe-java's typed {@code Event}, so that an event
 * rendered in another API version than the library's pinned one still reads: a subscription's period is taken from
 * its top level (older versions) or from its first item (from 2025-03-31 on), and an invoice's subscription from
 * {@code subscription} (older) or {@code parent.subscription_details.subscription} (newer).
 *
 * <p>A payload is refused (empty) when it is not strict JSON, repeats a member name in an object, contains a NUL,
 * when a string the billing code keeps (ids, type, API version, status, ...) holds a control character or an
 * unpaired surrogate, or when a timestamp it keeps lies outside the years 2000 to 9999: such values could not be
 * stored faithfully.
 */
public final class StripeJsonEventReader implements StripeEventReader {

    /** The earliest timestamp accepted: 2000-01-01T00:00:00Z. */
    static final long MIN_EPOCH_SECOND = 946_684_800L;

    /** The latest timestamp accepted: 9999-12-31T23:59:59Z. */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    /** The deepest nesting of arrays and objects read. */
    private static final int MAX_DEPTH = 64;

    @Override
    public Optional<StripeEvent> read(String payload) {
        if (payload.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            JsonElement root = parse(payload);
            if (!root.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject event = root.getAsJsonObject();
            String id = string(event, "id");
            String type = string(event, "type");
            Long created = number(event, "created");
            if (id == null || id.isBlank() || type == null || type.isBlank() || created == null) {
                return Optional.empty();
            }
            JsonObject object = object(object(event, "data"), "object");
            return Optional.of(new StripeEvent(id, type, instant(created), string(event, "api_version"),
                    Boolean.TRUE.equals(bool(event, "livemode")), eventObject(object)));
        }
        catch (InvalidPayloadException | IOException | IllegalStateException | NumberFormatException
                | ArithmeticException ex) {
            return Optional.empty();
        }
    }

    /** Parses strict JSON into a tree, refusing a member name repeated in one object. */
    private static JsonElement parse(String payload) throws IOException {
        JsonReader in = new JsonReader(new StringReader(payload));
        in.setStrictness(Strictness.LEGACY_STRICT);
        JsonElement root = element(in, 0);
        if (in.peek() != JsonToken.END_DOCUMENT) {
            throw new InvalidPayloadException();
        }
        return root;
    }

    private static JsonElement element(JsonReader in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new InvalidPayloadException();
        }
        switch (in.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (object.has(name)) {
                        throw new InvalidPayloadException();
                    }
                    object.add(name, element(in, depth + 1));
                }
                in.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    array.add(element(in, depth + 1));
                }
                in.endArray();
                return array;
            }
            case STRING -> {
                return new JsonPrimitive(in.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(in.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(in.nextBoolean());
            }
            case NULL -> {
                in.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new InvalidPayloadException();
        }
    }

    private static StripeEvent.EventObject eventObject(@Nullable JsonObject object) {
        if (object == null) {
            return new StripeEvent.EventObject("unknown", null, null, null, null, null, null, null, null, null, null);
        }
        String objectType = string(object, "object");
        String objectId = string(object, "id");
        String customer = idOf(object.get("customer"));
        StripeSubscription subscription = "subscription".equals(objectType) ? subscription(object) : null;
        String subscriptionId = "subscription".equals(objectType) ? objectId : subscriptionReference(object);
        return new StripeEvent.EventObject((objectType != null) ? objectType : "unknown", objectId, customer,
                subscriptionId, metadataOrgId(object), string(object, "client_reference_id"),
                string(object, "mode"), string(object, "payment_status"), subscription,
                "invoice".equals(objectType) ? number(object, "amount_paid") : null,
                "invoice".equals(objectType) ? string(object, "currency") : null);
    }

    /**
     * Reads a subscription object as found in an event.
     * @param object the subscription JSON
     * @return the state, or {@code null} when it lacks an id, customer or status
     */
    private static @Nullable StripeSubscription subscription(JsonObject object) {
        String id = string(object, "id");
        String customer = idOf(object.get("customer"));
        String status = string(object, "status");
        if (id == null || customer == null || status == null) {
            return null;
        }
        JsonObject item = firstItem(object);
        Long start = number(object, "current_period_start");
        Long end = number(object, "current_period_end");
        if (start == null && item != null) {
            start = number(item, "current_period_start");
        }
        if (end == null && item != null) {
            end = number(item, "current_period_end");
        }
        String price = (item != null) ? idOf(item.get("price")) : null;
        if (price == null && item != null) {
            price = idOf(item.get("plan"));
        }
        return new StripeSubscription(id, customer, price, status,
                (start != null) ? instant(start) : null,
                (end != null) ? instant(end) : null,
                Boolean.TRUE.equals(bool(object, "cancel_at_period_end")),
                string(object(object, "metadata"), "orgId"));
    }

    /**
     * The object's {@code metadata.orgId}; for an invoice, also its subscription's metadata as the invoice copies
     * it ({@code parent.subscription_details.metadata}, or {@code subscription_details.metadata} in older versions).
     */
    private static @Nullable String metadataOrgId(JsonObject object) {
        String own = string(object(object, "metadata"), "orgId");
        if (own != null) {
            return own;
        }
        JsonObject details = object(object(object, "parent"), "subscription_details");
        if (details == null) {
            details = object(object, "subscription_details");
        }
        return string(object(details, "metadata"), "orgId");
    }

    private static @Nullable JsonObject firstItem(JsonObject subscription) {
        JsonObject items = object(subscription, "items");
        JsonElement data = (items != null) ? items.get("data") : null;
        if (data == null || !data.isJsonArray()) {
            return null;
        }
        JsonArray array = data.getAsJsonArray();
        return (!array.isEmpty() && array.get(0).isJsonObject()) ? array.get(0).getAsJsonObject() : null;
    }

    private static @Nullable String subscriptionReference(JsonObject object) {
        String direct = idOf(object.get("subscription"));
        if (direct != null) {
            return direct;
        }
        JsonObject details = object(object(object, "parent"), "subscription_details");
        return (details != null) ? idOf(details.get("subscription")) : null;
    }

    /** The id of a reference that may be expanded (an object with {@code id}) or not (a string). */
    private static @Nullable String idOf(@Nullable JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
            return storable(element.getAsString());
        }
        return element.isJsonObject() ? string(element.getAsJsonObject(), "id") : null;
    }

    private static @Nullable JsonObject object(@Nullable JsonObject parent, String name) {
        JsonElement element = (parent != null) ? parent.get(name) : null;
        return (element != null && element.isJsonObject()) ? element.getAsJsonObject() : null;
    }

    private static @Nullable String string(@Nullable JsonObject parent, String name) {
        JsonElement element = (parent != null) ? parent.get(name) : null;
        return (element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString())
                ? storable(element.getAsString()) : null;
    }

    /** A string the billing code keeps (in a column or an audit row), refused when it cannot be stored as it is. */
    private static String storable(String text) {
        if (!Texts.isStorable(text)) {
            throw new InvalidPayloadException();
        }
        return text;
    }

    /** A timestamp the billing code keeps, refused outside the years 2000 to 9999. */
    private static Instant instant(long epochSecond) {
        if (epochSecond < MIN_EPOCH_SECOND || epochSecond > MAX_EPOCH_SECOND) {
            throw new InvalidPayloadException();
        }
        return Instant.ofEpochSecond(epochSecond);
    }

    private static @Nullable Long number(JsonObject parent, String name) {
        JsonElement element = parent.get(name);
        return (element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber())
                ? element.getAsJsonPrimitive().getAsBigDecimal().longValueExact() : null;
    }

    private static @Nullable Boolean bool(JsonObject parent, String name) {
        JsonElement element = parent.get(name);
        return (element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isBoolean())
                ? element.getAsBoolean() : null;
    }

    /** The payload cannot be read, or holds a value that cannot be stored as it is. */
    private static final class InvalidPayloadException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidPayloadException() {
            super(null, null, false, false);
        }
    }
}
