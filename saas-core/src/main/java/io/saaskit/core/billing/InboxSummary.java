package io.saaskit.core.billing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The webhook inbox as the operator's organization summary shows it ({@code webhooks} of
 * {@code GET /admin/orgs/:orgId/summary}).
 *
 * @param backlog the organization's rows that are {@code received}, {@code processing} or {@code failed}
 * @param failed the organization's {@code failed} rows
 * @param dead the organization's {@code dead} rows
 * @param oldestPendingAt when the oldest row of the backlog was received, or {@code null} without backlog
 * @param unresolvedGlobal rows of any organization that are not finished and have no organization yet
 */
public record InboxSummary(long backlog, long failed, long dead, @Nullable Instant oldestPendingAt,
        long unresolvedGlobal) {
}
