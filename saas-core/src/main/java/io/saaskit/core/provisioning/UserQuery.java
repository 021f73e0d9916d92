package io.saaskit.core.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * A directory search: which users ({@code filter}), in which order, and which page.
 *
 * <p>Without {@code sortBy} users come in creation order (then by id). With it, users without a value come last and
 * creation order breaks ties, so pages stay stable.
 *
 * @param filter the filter, or {@code null} for every member
 * @param sortBy the attribute to sort by, or {@code null}
 * @param ascending whether the sort is ascending
 * @param startIndex the 1-based index of the first user of the page
 * @param count the most users to return; 0 returns only the total
 */
public record UserQuery(@Nullable UserFilter filter, @Nullable UserAttribute sortBy, boolean ascending,
        int startIndex, int count) {

    public UserQuery {
        if (startIndex < 1) {
            throw new IllegalArgumentException("startIndex must be at least 1");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (sortBy != null && !sortBy.sortable()) {
            throw new IllegalArgumentException(sortBy.scimName() + " is not sortable");
        }
    }

    /**
     * Every member in creation order, in one page of up to {@code count}.
     * @param filter the filter, or {@code null}
     * @param count the page size
     * @return the query
     */
    public static UserQuery of(@Nullable UserFilter filter, int count) {
        return new UserQuery(filter, null, true, 1, count);
    }
}
