package io.saaskit.boot.web.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.Texts;
import io.saaskit.core.shared.ValidationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The members of a JSON object body, read with explicit type checks.
 *
 * <p>Each accessor returns the value when it has the right type and records a field error naming the member when
 * it does not, so a body such as {@code {"email":5}} is a 400 VALIDATION_FAILED for {@code email}, never a 500.
 * Unknown members are ignored. Absent and {@code null} members read as {@code null}, leaving "required" messages
 * to the rules that own them.
 */
public final class JsonFields {

    private final JsonNode root;

    private final List<FieldError> errors = new ArrayList<>();

    JsonFields(JsonNode root) {
        this.root = root;
    }

    /**
     * The whole object as parsed, for formats whose member names are case-insensitive (SCIM).
     * @return the object node
     */
    public JsonNode object() {
        return this.root;
    }

    /**
     * A string member. Strings containing control characters (after trimming) or unpaired UTF-16 surrogates are
     * refused, so they never reach a store or a log line (a store would otherwise replace the surrogate with
     * {@code ?} and keep text the client never sent).
     * @param name the member name
     * @return the value as sent, or {@code null} when absent, {@code null} or invalid
     */
    public @Nullable String string(String name) {
        JsonNode value = this.root.get(name);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!value.isString()) {
            this.errors.add(new FieldError(name, "Expected string, received " + typeName(value)));
            return null;
        }
        String text = value.stringValue();
        if (Texts.hasControlCharacter(text.trim())) {
            this.errors.add(new FieldError(name, "Must not contain control characters"));
            return null;
        }
        if (Texts.hasUnpairedSurrogate(text)) {
            this.errors.add(new FieldError(name, "Must be valid Unicode text"));
            return null;
        }
        return text;
    }

    /**
     * A member as parsed, for rules the typed accessors do not cover (numbers, nested objects, hashing the payload
     * as sent).
     * @param name the member name
     * @return the value, or {@code null} when absent or {@code null}
     */
    public @Nullable JsonNode node(String name) {
        JsonNode value = this.root.get(name);
        return (value == null || value.isNull() || value.isMissingNode()) ? null : value;
    }

    /**
     * Whether a member is present with a non-null value.
     * @param name the member name
     * @return true when present
     */
    public boolean has(String name) {
        JsonNode value = this.root.get(name);
        return value != null && !value.isNull() && !value.isMissingNode();
    }

    /**
     * Records an error found by the caller's own rule.
     * @param field the field
     * @param message the message
     */
    public void reject(String field, String message) {
        this.errors.add(new FieldError(field, message));
    }

    /**
     * The errors recorded so far.
     * @return the errors, in order
     */
    public List<FieldError> errors() {
        return List.copyOf(this.errors);
    }

    /**
     * Whether a field already has an error.
     * @param field the field
     * @return true when it has one
     */
    public boolean hasError(String field) {
        return this.errors.stream().anyMatch((e) -> e.field().equals(field));
    }

    /**
     * Throws when any error was recorded.
     * @throws ValidationException listing every error
     */
    public void validate() {
        if (!this.errors.isEmpty()) {
            throw new ValidationException(this.errors);
        }
    }

    /**
     * Merges these type errors with a rule violation raised by a service for the same body: a field with a type
     * error keeps only that error, since the service saw it as absent.
     * @param ex the service's violation
     * @return the violation to report
     */
    public ValidationException merge(ValidationException ex) {
        List<FieldError> merged = new ArrayList<>(this.errors);
        ex.errors().stream().filter((e) -> !hasError(e.field())).forEach(merged::add);
        return new ValidationException(merged);
    }

    static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
