package io.saaskit.core.shared;

import org.jspecify.annotations.Nullable;

/**
 * A store the request needs (Redis, PostgreSQL) could not be reached or did not answer in time, so the request
 * cannot be served: the client gets 503 "Service unavailable".
 *
 * <p>Adapters raise it instead of their technology's exceptions, for example a rate limiter configured to fail
 * closed, or a shared quota counter that cannot decide. The store's failure is kept as the
 * {@linkplain #getCause() cause} for logging; it never reaches the client.
 */
public class ServiceUnavailableException extends SaasException {

    private static final long serialVersionUID = 1L;

    /** The detail sent to clients. */
    public static final String DETAIL = "Service unavailable";

    private final transient @Nullable Throwable failure;

    /**
     * Creates the failure.
     * @param failure what the store threw, or {@code null} when there is nothing more to say
     */
    public ServiceUnavailableException(@Nullable Throwable failure) {
        this(DETAIL, failure);
    }

    /**
     * Creates the failure of a named dependency, for subclasses that tell clients which one failed.
     * @param detail the detail sent to clients; never a message of the failure
     * @param failure what the dependency's client threw, or {@code null}
     */
    protected ServiceUnavailableException(String detail, @Nullable Throwable failure) {
        super(detail);
        this.failure = failure;
    }

    @Override
    public synchronized @Nullable Throwable getCause() {
        return this.failure;
    }

    @Override
    public String code() {
        return "SERVICE_UNAVAILABLE";
    }
}
