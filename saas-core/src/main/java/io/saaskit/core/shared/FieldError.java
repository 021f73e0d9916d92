package io.saaskit.core.shared;

import java.util.Objects;

/**
 * One problem with one input field.
 *
 * @param field a dotted JSON path, a query parameter or a header name
 * @param message a message for humans
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
