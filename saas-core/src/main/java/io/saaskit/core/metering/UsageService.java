package io.saaskit.core.metering;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * What organizations see of their usage ({@code GET /usage}, {@code GET /usage/summary}) and how clients report
 * custom usage ({@code POST /usage/events}) with idempotency keys.
 *
 * <p>Idempotency is per organization: the same key with the same payload replays the first result and records
 * nothing; the same key with another payload is a conflict. Concurrent first uses of one key record one event,
 * because the store refuses a second event under a taken key; the losers then replay or conflict.
 */
public final class UsageService {

    /** Field name of the idempotency key in errors. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Longest accepted idempotency key. */
    public static final int IDEMPOTENCY_KEY_MAX_LENGTH = 255;

    /** Largest accepted quantity of one event. */
    public static final long MAX_QUANTITY = 1_000_000_000L;

    /** Largest accepted {@code properties} object, in bytes of compact JSON. */
    public static final int MAX_PROPERTIES_BYTES = 4096;

    /** Most days {@code GET /usage} reaches back. */
    public static final int MAX_DAYS = 366;

    /** The metric filter that selects every metric. */
    public static final String ALL_METRICS = "*";

    /** How far in the future an event's timestamp may lie. */
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private final MeteringService metering;

    private final PlanService plans;

    private final UsageEventStore events;

    private final Clock clock;

    public UsageService(MeteringService metering, PlanService plans, UsageEventStore events, Clock clock) {
        this.metering = Objects.requireNonNull(metering, "metering");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Daily usage rows ({@code GET /usage}, permission {@code usage.read}).
     * @param access the caller's access
     * @param days how many days back, today included: 1 to 366
     * @param metric an exact metric, or {@code *} for every metric
     * @return the rows of days that have usage, newest first
     * @throws ValidationException (field {@code days}) when {@code days} is out of range
     */
    public List<UsageDay> daily(OrgAccess access, int days, String metric) {
        access.require(Permission.USAGE_READ);
        if (days < 1 || days > MAX_DAYS) {
            throw new ValidationException("days", "Must be an integer from 1 to " + MAX_DAYS);
        }
        if (!ALL_METRICS.equals(metric)) {
            requireQueryable(metric);
        }
        LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
        String filter = ALL_METRICS.equals(metric) ? null : metric;
        this.metering.awaitRecorded();
        return this.events.daily(access.orgId(), filter, today.minusDays(days - 1L));
    }

    /**
     * Usage of one metric in the current period ({@code GET /usage/summary}, permission {@code usage.read}).
     * @param access the caller's access
     * @param metric the metric
     * @return the summary
     */
    public UsageSummary summary(OrgAccess access, String metric) {
        access.require(Permission.USAGE_READ);
        requireQueryable(metric);
        OrgId orgId = access.orgId();
        EffectivePlan plan = this.plans.effective(orgId);
        Period period = this.metering.currentPeriod(orgId);
        this.metering.awaitRecorded();
        long used = this.events.sum(orgId, metric, period);
        Long limit = plan.plan().limit(metric).orElse(null);
        Long remaining = (limit != null) ? Math.max(0, limit - used) : null;
        return new UsageSummary(metric, plan.plan().id(), used, limit, remaining, period.start(), period.end());
    }

    /**
     * Records a client's usage event ({@code POST /usage/events}, API key), with admission when the plan limits
     * the metric.
     * @param orgId the key's organization
     * @param apiKeyId the key
     * @param event the event as posted
     * @param context the request
     * @return the stored event, and whether it was a replay
     * @throws ValidationException when the key or a field breaks its rule
     * @throws ConflictException when the key was used with another payload
     * @throws UsageLimitExceededException when the plan's limit would be passed
     */
    public RecordedUsageEvent record(OrgId orgId, @Nullable ApiKeyId apiKeyId, ClientUsageEvent event,
            RequestContext context) {
        Instant now = this.clock.instant();
        Period period = this.metering.currentPeriod(orgId);
        Valid valid = validate(event, period, now);
        Optional<UsageEvent> existing = this.events.findByIdempotencyKey(orgId, valid.idempotencyKey());
        if (existing.isPresent()) {
            return replay(existing.get(), event.payloadHash());
        }
        Admission admission = this.metering.admit(orgId, valid.metric(), valid.quantity(), apiKeyId, context);
        UsageEvent recorded = new UsageEvent(Ids.next(this.clock), orgId, valid.metric(), valid.quantity(),
                valid.occurredAt(), now, apiKeyId, valid.idempotencyKey(), event.payloadHash(), context.requestId(),
                event.properties());
        if (this.metering.record(admission, recorded)) {
            return new RecordedUsageEvent(recorded, false);
        }
        UsageEvent winner = this.events.findByIdempotencyKey(orgId, valid.idempotencyKey())
                .orElseThrow(() -> reused());
        return replay(winner, event.payloadHash());
    }

    private static RecordedUsageEvent replay(UsageEvent existing, String payloadHash) {
        if (!payloadHash.equals(existing.payloadHash())) {
            throw reused();
        }
        return new RecordedUsageEvent(existing, true);
    }

    private static ConflictException reused() {
        return new ConflictException("Idempotency-Key reused with a different payload");
    }

    private static Valid validate(ClientUsageEvent event, Period period, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String key = event.idempotencyKey();
        if (key == null || key.isEmpty()) {
            errors.add(new FieldError(IDEMPOTENCY_KEY, "Idempotency-Key header is required"));
        }
        else if (key.length() > IDEMPOTENCY_KEY_MAX_LENGTH || !key.chars().allMatch((c) -> c >= 0x21 && c <= 0x7e)) {
            errors.add(new FieldError(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to " + IDEMPOTENCY_KEY_MAX_LENGTH
                    + " visible ASCII characters"));
        }
        String metric = event.metric();
        if (metric == null) {
            errors.add(new FieldError("metric", "Metric is required"));
        }
        else {
            Metrics.checkCustom(metric).ifPresent((message) -> errors.add(new FieldError("metric", message)));
        }
        Long quantity = event.quantity();
        if (quantity == null) {
            errors.add(new FieldError("quantity", "Quantity is required"));
        }
        else if (quantity < 1 || quantity > MAX_QUANTITY) {
            errors.add(new FieldError("quantity", "Quantity must be an integer from 1 to " + MAX_QUANTITY));
        }
        Instant occurredAt = (event.timestamp() != null) ? event.timestamp() : now;
        if (!period.contains(occurredAt)) {
            errors.add(new FieldError("timestamp", "Timestamp must be inside the current usage period"));
        }
        else if (occurredAt.isAfter(now.plus(MAX_FUTURE))) {
            errors.add(new FieldError("timestamp", "Timestamp must not be more than 5 minutes in the future"));
        }
        String properties = event.properties();
        if (properties != null && properties.getBytes(StandardCharsets.UTF_8).length > MAX_PROPERTIES_BYTES) {
            errors.add(new FieldError("properties", "Properties must be at most " + MAX_PROPERTIES_BYTES + " bytes"));
        }
        else if (properties != null && !isStorableText(properties)) {
            errors.add(new FieldError("properties",
                    "Properties must not contain NUL characters or unpaired surrogates"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Valid(Objects.requireNonNull(key), Objects.requireNonNull(metric),
                Objects.requireNonNull(quantity), occurredAt);
    }

    private static void requireQueryable(String metric) {
        if (!Metrics.isQueryable(metric)) {
            throw new ValidationException("metric", "Metric must be *, a metric name or api_key:<id>");
        }
    }

    /**
     * Whether JSON text can be stored as PostgreSQL {@code jsonb} (and as any UTF-8 text): no escaped or raw NUL
     * character and no unpaired UTF-16 surrogate. Refusing such input here keeps one client's bad event from failing
     * the batch it would share with other requests.
     */
    private static boolean isStorableText(String json) {
        boolean expectLow = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length() && json.charAt(i + 1) == 'u') {
                int code = (i + 5 < json.length()) ? hex4(json, i + 2) : -1;
                if (code < 0) {
                    return false;
                }
                c = (char) code;
                i += 5;
            }
            else if (c == '\\') {
                i++;
                c = 'x';
            }
            if (c == 0 || expectLow != Character.isLowSurrogate(c)) {
                return false;
            }
            expectLow = Character.isHighSurrogate(c);
        }
        return !expectLow;
    }

    private static int hex4(String text, int start) {
        int code = 0;
        for (int i = start; i < start + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            code = (code << 4) | digit;
        }
        return code;
    }

    /** The validated parts of a client event. */
    private record Valid(String idempotencyKey, String metric, long quantity, Instant occurredAt) {
    }
}
