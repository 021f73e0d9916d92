package io.saaskit.boot.web.support;

import io.saaskit.core.shared.RequestContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Builds the core's {@link RequestContext} of a request (its request id, client address and user agent), which
 * services copy into the audit rows they write.
 */
public final class RequestContexts {

    private final ClientInfos clients;

    /**
     * Creates the factory.
     * @param clients resolves the client address and user agent
     */
    public RequestContexts(ClientInfos clients) {
        this.clients = clients;
    }

    /**
     * The context of a request.
     * @param request the request
     * @return the context
     */
    public RequestContext of(HttpServletRequest request) {
        return new RequestContext(RequestId.of(request), this.clients.of(request));
    }
}
