package io.saaskit.core.audit;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One page of audit rows, newest first.
 *
 * @param items the rows
 * @param nextCursor the id of the last row when more rows may follow, else {@code null}
 */
public record AuditPage(List<AuditRecord> items, @Nullable UUID nextCursor) {

    public AuditPage {
        items = List.copyOf(items);
    }
}
