package io.saaskit.core.shared.port;

import java.time.Duration;

/**
 * Checks one dependency the application needs to serve traffic (the database, its migrations, Redis).
 * {@code GET /ready} runs every probe and reports each by {@link #name()}.
 */
public interface ReadinessProbe {

    /**
     * The name the check is reported under, for example {@code database}.
     * @return the name
     */
    String name();

    /**
     * Checks the dependency; must return within the timeout and never throw.
     * @param timeout how long the check may take
     * @return true when the dependency is usable
     */
    boolean isUp(Duration timeout);
}
