package io.saaskit.core.provisioning;

import java.util.List;
import java.util.Objects;

/**
 * One page of a directory search.
 *
 * @param totalResults how many users match the filter in all
 * @param users the users of the requested page, in order
 */
public record DirectoryPage(long totalResults, List<DirectoryUser> users) {

    public DirectoryPage {
        Objects.requireNonNull(users, "users");
        users = List.copyOf(users);
        if (totalResults < 0) {
            throw new IllegalArgumentException("totalResults must not be negative");
        }
    }
}
