package io.saaskit.adapters.jdbc;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs a readiness check on a daemon thread and gives up after the timeout, because neither a pool waiting for a
 * connection nor a hung server can otherwise be bounded reliably. A check that fails, throws or overruns is down.
 */
final class TimeBoundCheck {

    private static final Log logger = LogFactory.getLog(TimeBoundCheck.class);

    private final String name;
    private final ExecutorService executor;

    TimeBoundCheck(String name) {
        this.name = name;
        this.executor = Executors.newCachedThreadPool((task) -> {
            Thread thread = new Thread(task, "saaskit-readiness-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    boolean passes(Duration timeout, Callable<Boolean> check) {
        Future<Boolean> result = this.executor.submit(check);
        try {
            return Boolean.TRUE.equals(result.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
        }
        catch (TimeoutException ex) {
            result.cancel(true);
            logger.debug("Readiness check '" + this.name + "' timed out after " + timeout);
            return false;
        }
        catch (ExecutionException ex) {
            logger.debug("Readiness check '" + this.name + "' failed", ex.getCause());
            return false;
        }
        catch (InterruptedException ex) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
