package io.saaskit.boot.web.support;

/**
 * The body {@code {"ok":true}} of actions that have nothing else to report.
 *
 * @param ok always true
 */
public record OkResponse(boolean ok) {

    /** The one instance. */
    public static final OkResponse OK = new OkResponse(true);
}
