package io.saaskit.core.shared;

import java.util.List;

/**
 * Input broke one or more rules; {@link #errors()} lists every failing rule, not only the first.
 */
public class ValidationException extends SaasException {

    private static final long serialVersionUID = 1L;

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super("Request validation failed");
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return this.errors;
    }

    @Override
    public String code() {
        return "VALIDATION_FAILED";
    }
}
