package io.saaskit.boot.web.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditExport;
import io.saaskit.core.audit.AuditQuery;
import io.saaskit.core.audit.AuditService;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.ratelimit.AuditExportRateLimitService;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log over HTTP, for callers with {@code audit.read} in the resolved organization.
 *
 * <ul>
 * <li>{@code GET /audit}: a page of rows, newest first, filtered by {@code action} (exact, or a prefix ending in
 * {@code *}), {@code actorUserId}, {@code targetType}, {@code from} (inclusive) and {@code to} (exclusive), paged
 * with {@code limit} (1-100) and {@code cursor}.</li>
 * <li>{@code GET /audit?format=csv|json|ndjson}: the matching rows of any range streamed oldest first, up to the chain
 * head read at the start, with {@code Content-Disposition} and {@code X-Audit-Chain-Head}; rate-limited (scope
 * {@code audit_export}) and audited ({@code audit.exported}).</li>
 * <li>{@code GET /audit/verify}: the hash chain checked from its anchor to its head.</li>
 * <li>{@code GET /admin/audit}: the newest 100 rows as a bare array, as the original product answered.</li>
 * </ul>
 * Every bad parameter is reported at once as 400 VALIDATION_FAILED, before anything is streamed.
 */
@RestController
public class AuditController {

    /** The header carrying the chain head of an export, {@code <seq>:<hash>}. */
    public static final String CHAIN_HEAD_HEADER = "X-Audit-Chain-Head";

    private static final Logger logger = LoggerFactory.getLogger(AuditController.class);

    private static final int DEFAULT_PAGE = 100;

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditService audit;

    private final AuditExportRateLimitService exportLimit;

    private final RequestContexts contexts;

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Creates the controller.
     * @param audit the audit service
     * @param exportLimit the export rate limit
     * @param contexts builds request contexts for the {@code audit.exported} row
     */
    public AuditController(AuditService audit, AuditExportRateLimitService exportLimit, RequestContexts contexts) {
        this.audit = audit;
        this.exportLimit = exportLimit;
        this.contexts = contexts;
    }

    /**
     * A page of rows, or with {@code format} a streamed export.
     * @param access the caller's access
     * @param params the query parameters
     * @param request the request
     * @param response the response, written directly for exports
     * @return the page, or {@code null} after an export was streamed
     * @throws IOException when the client goes away during an export
     */
    @GetMapping("/audit")
    public @Nullable AuditPageResponse list(OrgAccess access, @RequestParam Map<String, String> params,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        access.require(Permission.AUDIT_READ);
        List<FieldError> errors = new ArrayList<>();
        AuditQuery query = query(params, errors);
        String format = params.get("format");
        if (format == null) {
            int limit = (int) number(params.get("limit"), "limit", AuditService.MAX_PAGE_SIZE, DEFAULT_PAGE, errors);
            validate(errors);
            return AuditPageResponse.of(this.audit.page(access.orgId(), query, params.get("cursor"), limit));
        }
        ExportFormat exportFormat = ExportFormat.parse(format).orElse(null);
        if (exportFormat == null) {
            errors.add(new FieldError("format", "Must be one of csv, json, ndjson"));
        }
        if (params.containsKey("cursor")) {
            errors.add(new FieldError("cursor", "Exports take no cursor"));
        }
        // Without a limit an export holds every matching row up to the chain head, however many.
        long limit = number(params.get("limit"), "limit", AuditService.MAX_EXPORT_LIMIT, Long.MAX_VALUE, errors);
        validate(errors);
        this.exportLimit.check(access.orgId(), access.userId().value());
        export(access, query, exportFormat, limit, request, response);
        return null;
    }

    private void export(OrgAccess access, AuditQuery query, ExportFormat format, long limit,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditExport export = this.audit.export(access.orgId(), query, limit);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(format.contentType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + access.orgId() + "-"
                + FILE_TIME.format(export.startedAt()) + "." + format.extension() + "\"");
        response.setHeader(CHAIN_HEAD_HEADER, export.head().header());
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            // HEAD answers the headers an export would carry without reading, sending or auditing any row.
            return;
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("orgId", access.orgId().toString());
        manifest.put("exportedAt", JsonTimestamps.format(export.startedAt()));
        manifest.put("filters", query.describe());
        manifest.put("chainHead", Map.of("seq", export.head().seq(), "hash", export.head().hash()));
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                64 * 1024);
        format.begin(out, new LinkedHashMap<>(manifest), this.json);
        boolean[] first = { true };
        long rows;
        try {
            rows = export.stream((row) -> {
                try {
                    format.row(out, AuditItemResponse.of(row), first[0], this.json);
                    first[0] = false;
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
        format.end(out);
        out.flush();
        this.audit.recordExport(export, Actor.user(access.userId().value()), format.extension(), rows,
                this.contexts.of(request));
        logger.info("Audit export of {} rows in {} up to chain head {}", rows, format.extension(),
                export.head().header());
    }

    /**
     * Verifies the organization's hash chain.
     * @param access the caller's access
     * @return 200 with the result, {@code ok} false when a link is broken
     */
    @GetMapping("/audit/verify")
    public ChainVerificationResponse verify(OrgAccess access) {
        access.require(Permission.AUDIT_READ);
        return ChainVerificationResponse.of(this.audit.verify(access.orgId()));
    }

    /**
     * The newest 100 rows.
     * @param access the caller's access
     * @return 200 with a bare array, newest first
     */
    @GetMapping("/admin/audit")
    public List<AuditItemResponse> newest(OrgAccess access) {
        access.require(Permission.AUDIT_READ);
        return this.audit.newest(access.orgId(), AuditService.MAX_PAGE_SIZE).stream().map(AuditItemResponse::of)
                .toList();
    }

    private static AuditQuery query(Map<String, String> params, List<FieldError> errors) {
        String action = params.get("action");
        if (action != null && (action.isBlank() || action.length() > AuditEntry.MAX_ACTION_LENGTH)) {
            errors.add(new FieldError("action", "Must be 1 to " + AuditEntry.MAX_ACTION_LENGTH + " characters"));
        }
        UUID actorUserId = null;
        String actor = params.get("actorUserId");
        if (actor != null) {
            try {
                actorUserId = UUID.fromString(actor.trim());
            }
            catch (IllegalArgumentException ex) {
                errors.add(new FieldError("actorUserId", "Must be a user id"));
            }
        }
        String targetType = params.get("targetType");
        if (targetType != null && (targetType.isBlank() || targetType.length() > AuditEntry.MAX_ACTION_LENGTH)) {
            errors.add(new FieldError("targetType", "Must be 1 to " + AuditEntry.MAX_ACTION_LENGTH + " characters"));
        }
        Instant from = instant(params.get("from"), "from", errors);
        Instant to = instant(params.get("to"), "to", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "Must not be after to"));
        }
        if (!errors.isEmpty()) {
            return AuditQuery.ALL;
        }
        return new AuditQuery((action != null) ? action.trim() : null, actorUserId,
                (targetType != null) ? targetType.trim() : null, from, to);
    }

    private static @Nullable Instant instant(@Nullable String value, String field, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException notATimestamp) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            catch (DateTimeParseException notADate) {
                errors.add(new FieldError(field, "Must be an ISO-8601 timestamp or date"));
                return null;
            }
        }
    }

    private static long number(@Nullable String value, String field, long max, long fallback,
            List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        }
        catch (NumberFormatException ex) {
            // Reported below, like an out-of-range number.
        }
        errors.add(new FieldError(field, "Must be an integer from 1 to " + max));
        return fallback;
    }

    private static void validate(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
