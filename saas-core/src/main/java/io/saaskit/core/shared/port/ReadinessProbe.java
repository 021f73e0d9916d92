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
     * Checks the dependency on the caller's thread; should return within the timeout (the caller also enforces
     * it) and never throws.
     * @param timeout how long the check should take, for example as a query or command timeout
     * @return true when the dependency is usable
     */
    boolean isUp(Duration timeout);
}
