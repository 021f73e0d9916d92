package io.saaskit.boot.web.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export formats of {@code GET /audit?format=}: how each writes its preamble, its rows and its end.
 *
 * <p>Every row is written as soon as it is read, so an export of any size runs in constant memory. CSV follows
 * RFC 4180 (CRLF line ends; a cell holding a comma, quote, CR or LF is quoted, quotes doubled) and neutralises
 * spreadsheet formulas: a cell starting with {@code = + - @}, TAB or CR gets a {@code '} prefix.
 */
enum ExportFormat {

    /** Comma-separated values with a header row. */
    CSV("csv", "text/csv;charset=UTF-8") {

        @Override
        void begin(Writer out, Map<String, @Nullable Object> manifest, JsonMapper json) throws IOException {
            out.write(String.join(",", CSV_COLUMNS));
            out.write("\r\n");
        }

        @Override
        void row(Writer out, AuditItemResponse item, boolean first, JsonMapper json) throws IOException {
            List<@Nullable String> cells = List.of(item.id(), Long.toString(item.seq()), item.createdAt(),
                    item.orgId(), item.action(), item.actorType(), nullToEmpty(item.actorUserId()),
                    nullToEmpty(item.actorApiKeyId()), nullToEmpty(item.targetType()), nullToEmpty(item.targetId()),
                    nullToEmpty(item.ip()), nullToEmpty(item.userAgent()), nullToEmpty(item.requestId()),
                    json.writeValueAsString(item.metadata()), nullToEmpty(item.hash()));
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        }

        @Override
        void end(Writer out) {
            // CSV has no trailer.
        }
    },

    /** One JSON document: the manifest members and an {@code items} array. */
    JSON("json", "application/json") {

        @Override
        void begin(Writer out, Map<String, @Nullable Object> manifest, JsonMapper json) throws IOException {
            String head = json.writeValueAsString(manifest);
            // The manifest is an object; its closing brace is replaced by the items array.
            out.write(head, 0, head.length() - 1);
            out.write(",\"items\":[");
        }

        @Override
        void row(Writer out, AuditItemResponse item, boolean first, JsonMapper json) throws IOException {
            if (!first) {
                out.write(',');
            }
            out.write(json.writeValueAsString(item));
        }

        @Override
        void end(Writer out) throws IOException {
            out.write("]}");
        }
    },

    /** Newline-delimited JSON: a manifest line, then one event line per row. */
    NDJSON("ndjson", "application/x-ndjson") {

        @Override
        void begin(Writer out, Map<String, @Nullable Object> manifest, JsonMapper json) throws IOException {
            Map<String, @Nullable Object> line = new LinkedHashMap<>();
            line.put("type", "manifest");
            line.putAll(manifest);
            out.write(json.writeValueAsString(line));
            out.write('\n');
        }

        @Override
        void row(Writer out, AuditItemResponse item, boolean first, JsonMapper json) throws IOException {
            out.write(json.writeValueAsString(item.withType("event")));
            out.write('\n');
        }

        @Override
        void end(Writer out) {
            // NDJSON has no trailer.
        }
    };

    /** The CSV header row. */
    static final List<String> CSV_COLUMNS = List.of("id", "seq", "createdAt", "orgId", "action", "actorType",
            "actorUserId", "actorApiKeyId", "targetType", "targetId", "ip", "userAgent", "requestId", "metadata",
            "hash");

    private final String extension;

    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /**
     * The format named by a {@code format} parameter.
     * @param value the parameter
     * @return the format, or empty when unknown
     */
    static Optional<ExportFormat> parse(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat format : values()) {
            if (format.extension.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    String extension() {
        return this.extension;
    }

    String contentType() {
        return this.contentType;
    }

    abstract void begin(Writer out, Map<String, @Nullable Object> manifest, JsonMapper json) throws IOException;

    abstract void row(Writer out, AuditItemResponse item, boolean first, JsonMapper json) throws IOException;

    abstract void end(Writer out) throws IOException;

    /**
     * One CSV cell: formula-neutralised, then quoted when RFC 4180 requires it.
     * @param value the value
     * @return the cell text
     */
    static String cell(@Nullable String value) {
        String text = (value != null) ? value : "";
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String nullToEmpty(@Nullable String value) {
        return (value != null) ? value : "";
    }
}
