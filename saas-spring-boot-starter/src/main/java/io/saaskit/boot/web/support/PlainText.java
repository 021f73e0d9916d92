package io.saaskit.boot.web.support;

import io.saaskit.core.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for text a client asks saaskit to keep: valid Unicode without control characters. An unpaired UTF-16
 * surrogate (the JSON escape <code>"&#92;ud800"</code>) would otherwise be replaced by {@code ?} on its way to the
 * store, so the stored text would differ from what the client sent (and could collide with another value); a control
 * character would end up in log lines and exports.
 */
public final class PlainText {

    /** Why text with a control character is refused. */
    public static final String CONTROL_CHARACTERS = "Must not contain control characters";

    /** Why text with an unpaired surrogate is refused. */
    public static final String INVALID_UNICODE = "Must be valid Unicode text";

    private PlainText() {
    }

    /**
     * Why the text cannot be kept.
     * @param text the text, as the caller will keep it
     * @return {@link #CONTROL_CHARACTERS}, {@link #INVALID_UNICODE}, or {@code null} when the text is acceptable
     */
    public static @Nullable String violation(String text) {
        if (Texts.hasControlCharacter(text)) {
            return CONTROL_CHARACTERS;
        }
        if (Texts.hasUnpairedSurrogate(text)) {
            return INVALID_UNICODE;
        }
        return null;
    }
}
