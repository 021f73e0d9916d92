package io.saaskit.boot.web.usage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Enumeration;
import java.util.List;

import io.saaskit.boot.web.apikey.ApiKeyCaller;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.metering.ClientUsageEvent;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.RecordedUsageEvent;
import io.saaskit.core.metering.UsageService;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The usage endpoints: {@code GET /usage} (daily rows) and {@code GET /usage/summary} (the current period) for
 * session callers with {@code usage.read}, and {@code POST /usage/events} for API keys, with
 * {@code Idempotency-Key} semantics: a replay answers 201 with the first body and {@code Idempotent-Replayed: true}.
 */
@RestController
public class UsageController {

    /** The header that marks a replayed response. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final String DAYS_MESSAGE = "Must be an integer from 1 to " + UsageService.MAX_DAYS;

    private static final int DEFAULT_DAYS = 30;

    private final UsageService usage;

    private final JsonBodyReader bodies;

    private final RequestContexts contexts;

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Creates the controller.
     * @param usage the usage service
     * @param bodies reads JSON bodies
     * @param contexts builds request contexts
     */
    public UsageController(UsageService usage, JsonBodyReader bodies, RequestContexts contexts) {
        this.usage = usage;
        this.bodies = bodies;
        this.contexts = contexts;
    }

    /**
     * Daily usage rows, newest day first.
     * @param access the caller's access
     * @param days how many days back, today included (1 to 366, default 30)
     * @param metric an exact metric (default {@code api_requests}) or {@code *}
     * @return 200 with the rows
     */
    @GetMapping("/usage")
    public List<UsageDayResponse> daily(OrgAccess access, @RequestParam(name = "days", required = false)
            @Nullable String days, @RequestParam(name = "metric", required = false) @Nullable String metric) {
        access.require(Permission.USAGE_READ);
        return this.usage.daily(access, parseDays(days), (metric != null) ? metric : Metrics.API_REQUESTS).stream()
                .map(UsageDayResponse::of)
                .toList();
    }

    private static int parseDays(@Nullable String days) {
        if (days == null) {
            return DEFAULT_DAYS;
        }
        try {
            return Integer.parseInt(days.trim());
        }
        catch (NumberFormatException ex) {
            throw new ValidationException("days", DAYS_MESSAGE);
        }
    }

    /**
     * The current period's usage of a metric.
     * @param access the caller's access
     * @param metric the metric (default {@code api_requests})
     * @return 200 with the summary
     */
    @GetMapping("/usage/summary")
    public UsageSummaryResponse summary(OrgAccess access,
            @RequestParam(name = "metric", required = false) @Nullable String metric) {
        return UsageSummaryResponse.of(this.usage.summary(access, (metric != null) ? metric : Metrics.API_REQUESTS));
    }

    /**
     * Records a client's usage event.
     * @param caller the API key
     * @param request the request: header {@code Idempotency-Key}, body {@code {metric, quantity, timestamp?,
     * properties?}}
     * @return 201 with the event; a replay also carries {@code Idempotent-Replayed: true}
     */
    @PostMapping("/usage/events")
    public ResponseEntity<UsageEventResponse> record(ApiKeyCaller caller, HttpServletRequest request) {
        JsonFields fields = this.bodies.read(request).requireObject();
        String idempotencyKey = idempotencyKey(request, fields);
        String metric = fields.string("metric");
        Long quantity = quantity(fields);
        Instant timestamp = timestamp(fields);
        JsonNode properties = fields.node("properties");
        if (properties != null && !properties.isObject()) {
            fields.reject("properties", "Expected object");
        }
        String payloadHash = payloadHash(fields);
        if (!fields.errors().isEmpty()) {
            if (idempotencyKey == null || idempotencyKey.isEmpty()) {
                fields.reject(UsageService.IDEMPOTENCY_KEY, "Idempotency-Key header is required");
            }
            fields.validate();
        }
        String propertiesJson = (properties != null) ? this.json.writeValueAsString(properties) : null;
        RecordedUsageEvent recorded;
        try {
            recorded = this.usage.record(caller.orgId(), caller.apiKeyId(), new ClientUsageEvent(idempotencyKey,
                    metric, quantity, timestamp, propertiesJson, payloadHash), this.contexts.of(request));
        }
        catch (ValidationException ex) {
            throw fields.merge(ex);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED);
        if (recorded.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.body(UsageEventResponse.of(recorded.event()));
    }

    /**
     * The one {@code Idempotency-Key} header. Several are refused rather than one picked: a client that sends two
     * keys cannot know which one its replay will be matched against.
     */
    private static @Nullable String idempotencyKey(HttpServletRequest request, JsonFields fields) {
        Enumeration<String> values = request.getHeaders(UsageService.IDEMPOTENCY_KEY);
        String first = values.hasMoreElements() ? values.nextElement() : null;
        if (values.hasMoreElements()) {
            fields.reject(UsageService.IDEMPOTENCY_KEY, "Send exactly one Idempotency-Key header");
        }
        return first;
    }

    private static @Nullable Long quantity(JsonFields fields) {
        JsonNode quantity = fields.node("quantity");
        if (quantity == null) {
            return null;
        }
        if (!quantity.isIntegralNumber()) {
            fields.reject("quantity", "Expected integer");
            return null;
        }
        return quantity.canConvertToLong() ? quantity.longValue() : Long.MAX_VALUE;
    }

    private static @Nullable Instant timestamp(JsonFields fields) {
        JsonNode timestamp = fields.node("timestamp");
        if (timestamp == null) {
            return null;
        }
        if (!timestamp.isString()) {
            fields.reject("timestamp", "Expected an ISO-8601 timestamp");
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp.stringValue().trim()).toInstant();
        }
        catch (DateTimeParseException ex) {
            fields.reject("timestamp", "Expected an ISO-8601 timestamp");
            return null;
        }
    }

    /**
     * SHA-256 of the canonical {@code {metric, quantity, timestamp|null, properties|null}} as sent.
     */
    private static String payloadHash(JsonFields fields) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        for (String name : List.of("metric", "quantity", "timestamp", "properties")) {
            JsonNode value = fields.node(name);
            payload.set(name, (value != null) ? value : JsonNodeFactory.instance.nullNode());
        }
        try {
            return CanonicalJson.sha256(payload);
        }
        catch (IllegalArgumentException ex) {
            fields.reject("body", "Numbers must be finite");
            return "";
        }
    }
}
