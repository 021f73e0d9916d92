package io.saaskit.example.support;

import java.util.ArrayList;
import java.util.List;

import io.saaskit.example.StartupRefusedException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a startup failure the way an operator reads the log: every message in the cause chain, with the action of
 * a {@link StartupRefusedException}.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The messages of a throwable and all its causes, one per line.
     * @param failure the failure
     * @return the messages
     */
    public static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        @Nullable Throwable current = failure;
        while (current != null) {
            messages.add(current.getClass().getSimpleName() + ": " + current.getMessage());
            if (current instanceof StartupRefusedException refused) {
                messages.add("Action: " + refused.action());
            }
            current = current.getCause();
        }
        return String.join("\n", messages);
    }
}
