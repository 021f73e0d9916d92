package io.saaskit.boot.web.audit;

import java.util.List;

import io.saaskit.core.audit.AuditPage;
import org.jspecify.annotations.Nullable;

/**
 * A page of {@code GET /audit}.
 *
 * @param items the rows, newest first
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last page
 */
public record AuditPageResponse(List<AuditItemResponse> items, @Nullable String nextCursor) {

    /**
     * Builds the page.
     * @param page the page
     * @return the response
     */
    public static AuditPageResponse of(AuditPage page) {
        return new AuditPageResponse(page.items().stream().map(AuditItemResponse::of).toList(),
                (page.nextCursor() != null) ? page.nextCursor().toString() : null);
    }
}
