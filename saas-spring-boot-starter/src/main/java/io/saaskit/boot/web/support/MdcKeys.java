package io.saaskit.boot.web.support;

import java.util.List;

/**
 * The logging MDC keys the HTTP layer sets while a request is served, so every log line written during the
 * request (by saaskit or the application) says which request, user and organization it belongs to.
 */
public final class MdcKeys {

    /** The request id. */
    public static final String REQUEST_ID = "requestId";

    /** The authenticated user. */
    public static final String USER_ID = "userId";

    /** The organization the request acts on. */
    public static final String ORG_ID = "orgId";

    /** The caller's role in that organization. */
    public static final String ROLE = "role";

    /** The API key that authenticated the request. */
    public static final String API_KEY_ID = "apiKeyId";

    /** Every key, removed together when the request ends. */
    public static final List<String> ALL = List.of(REQUEST_ID, USER_ID, ORG_ID, ROLE, API_KEY_ID);

    private MdcKeys() {
    }
}
