package io.saaskit.boot.web.support;

import java.io.IOException;

/**
 * Thrown by a request body stream once more bytes than allowed have been read. It is an {@link IOException}
 * because stream readers (Jackson, Spring's converters, the servlet container) expect one; the problem mapping
 * finds it in any cause chain and answers 413.
 */
public class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param limit the limit in bytes
     */
    public BodyTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes");
    }
}
