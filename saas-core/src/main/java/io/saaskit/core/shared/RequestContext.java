package io.saaskit.core.shared;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the inbound adapter knows about the request that triggered an action: its request id and where it came
 * from. Services that write audit rows take one, so every row carries the request id, client address and user
 * agent without the core knowing anything about HTTP.
 *
 * @param requestId the request id (also in logs and problem bodies), or {@code null} for work without a request
 * @param client the client address and user agent
 */
public record RequestContext(@Nullable String requestId, ClientInfo client) {

    /** No request: used by system actions, jobs and tests. */
    public static final RequestContext NONE = new RequestContext(null, ClientInfo.UNKNOWN);

    public RequestContext {
        Objects.requireNonNull(client, "client");
    }
}
