package io.saaskit.core.shared;

/**
 * Checks on text taken from outside (request bodies, webhook payloads) before it is stored: PostgreSQL refuses a
 * NUL in {@code text} and {@code jsonb}, and would store an unpaired UTF-16 surrogate as {@code ?}, so two distinct
 * values could collapse into one.
 */
public final class Texts {

    private Texts() {
    }

    /**
     * Whether a text contains a control character (U+0000 to U+001F, U+007F to U+009F).
     * @param text the text
     * @return true when it does
     */
    public static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /**
     * Whether a text is not valid UTF-16: a high surrogate not followed by a low one, or a low one alone.
     * @param text the text
     * @return true when it holds an unpaired surrogate
     */
    public static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a text can be stored as it is: valid UTF-16 without control characters.
     * @param text the text
     * @return true when it has neither a control character nor an unpaired surrogate
     */
    public static boolean isStorable(String text) {
        return !hasControlCharacter(text) && !hasUnpairedSurrogate(text);
    }
}
