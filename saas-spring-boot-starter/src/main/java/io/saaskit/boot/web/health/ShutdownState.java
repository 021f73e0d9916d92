package io.saaskit.boot.web.health;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Remembers that the application has begun to shut down, so {@code /ready} can answer 503 while in-flight
 * requests finish: load balancers then stop sending traffic before the server stops accepting it. The context
 * publishes its closed event before the web server's graceful shutdown starts.
 */
public final class ShutdownState implements ApplicationListener<ContextClosedEvent> {

    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    private final ApplicationContext context;

    /**
     * Creates the state for one application context.
     * @param context the context whose shutdown counts (events of child contexts are ignored)
     */
    public ShutdownState(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() == this.context) {
            this.shuttingDown.set(true);
        }
    }

    /**
     * Whether shutdown has begun.
     * @return true once the context is closing
     */
    public boolean isShuttingDown() {
        return this.shuttingDown.get();
    }
}
