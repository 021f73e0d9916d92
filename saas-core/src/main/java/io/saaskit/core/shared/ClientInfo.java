package io.saaskit.core.shared;

import org.jspecify.annotations.Nullable;

/**
 * Where a request came from, as recorded with sessions and audit rows.
 *
 * @param ip the client address, resolved by the web layer
 * @param userAgent the User-Agent header, if any
 */
public record ClientInfo(@Nullable String ip, @Nullable String userAgent) {

    /** No known origin: used by system actions. */
    public static final ClientInfo UNKNOWN = new ClientInfo(null, null);
}
