package io.saaskit.example;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly exit with status 0.
 *
 * <p>By default the JVM answers SIGTERM with exit status 143, which process supervisors read as a crash, and logs
 * nothing. Here the signal is logged ("Shutting down", with the signal name) and the process exits normally; the
 * exit runs Spring Boot's shutdown hook, which marks the app as not ready, lets in-flight requests finish within
 * {@code SHUTDOWN_TIMEOUT_SEC} (graceful web server shutdown) and closes the connection pools. Installed only by
 * {@link ExampleApplication#main(String[])}, never when the app is started inside another program such as a test.
 */
final class ShutdownSignals {

    private static final Logger logger = LoggerFactory.getLogger(ShutdownSignals.class);

    private static final AtomicBoolean shuttingDown = new AtomicBoolean();

    private ShutdownSignals() {
    }

    static void install() {
        for (String name : new String[] { "TERM", "INT" }) {
            try {
                Signal.handle(new Signal(name), ShutdownSignals::shutDown);
            }
            catch (IllegalArgumentException ex) {
                logger.debug("Signal SIG{} cannot be handled on this platform", name);
            }
        }
    }

    private static void shutDown(Signal signal) {
        // A second signal (Ctrl-C twice, or a supervisor and its child both sending TERM) must not start a second
        // exit, which would block its thread for good; the shutdown already under way finishes the job.
        if (!shuttingDown.compareAndSet(false, true)) {
            return;
        }
        String name = "SIG" + signal.getName();
        logger.atInfo().addKeyValue("signal", name).log("Shutting down");
        System.exit(0);
    }
}
