package io.saaskit.boot.web.support;

import io.saaskit.core.shared.SaasException;

/**
 * A request the HTTP layer refuses before any service sees it: an unreadable or missing body, a wrong content
 * type, a body over the size limit, an action disabled in demo mode.
 *
 * <p>It is a {@link SaasException} so that it is mapped to a status by the same table as the core's refusals.
 */
public class RefusedRequestException extends SaasException {

    private static final long serialVersionUID = 1L;

    private final ProblemCode problemCode;

    /**
     * Creates the exception.
     * @param problemCode the code, which decides the status
     * @param detail the problem detail
     */
    public RefusedRequestException(ProblemCode problemCode, String detail) {
        super(detail);
        this.problemCode = problemCode;
    }

    @Override
    public String code() {
        return this.problemCode.name();
    }
}
