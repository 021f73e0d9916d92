package io.saaskit.core.shared;

import java.util.List;

/**
 * The request clashes with the current state: a duplicate, or a change that would break an invariant such as
 * "an organization keeps at least one owner".
 */
public class ConflictException extends SaasException {

    private static final long serialVersionUID = 1L;

    private final List<FieldError> errors;

    public ConflictException(String message) {
        this(message, List.of());
    }

    public ConflictException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /**
     * The fields the conflict is about, if any.
     * @return the field errors, possibly empty
     */
    public List<FieldError> errors() {
        return this.errors;
    }

    @Override
    public String code() {
        return "CONFLICT";
    }
}
