package io.saaskit.adapters.redis.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A throw-away {@code redis-server} process on a free loopback port, without persistence, that a test can stop and
 * start again on the same port to simulate an outage. The binary is {@code redis-server} from the {@code PATH}, or
 * the one named by the environment variable {@value #BINARY_VARIABLE}; when neither exists, {@link #start()}
 * throws, so the test fails rather than skips.
 */
public final class LocalRedisServer implements AutoCloseable {

    /** Environment variable naming the redis-server binary. */
    public static final String BINARY_VARIABLE = "SAASKIT_TEST_REDIS_SERVER";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final String binary;

    private final int port;

    private final Path log;

    private @Nullable Process process;

    private LocalRedisServer(String binary, int port, Path log) {
        this.binary = binary;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a server on a free port.
     * @return the running server
     */
    public static LocalRedisServer start() {
        Path log;
        try {
            log = Files.createTempFile("saaskit-redis-", ".log");
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot create the redis-server log file", ex);
        }
        LocalRedisServer server = new LocalRedisServer(binary(), TestRedis.freePort(), log);
        server.resume();
        return server;
    }

    /**
     * The server's URL.
     * @return {@code redis://127.0.0.1:<port>}
     */
    public URI url() {
        return URI.create("redis://127.0.0.1:" + this.port);
    }

    /**
     * The server's port, which stays the same across {@link #stop()} and {@link #resume()}.
     * @return the port
     */
    public int port() {
        return this.port;
    }

    /**
     * Whether the process is running.
     * @return true between {@link #resume()} and {@link #stop()}
     */
    public synchronized boolean isRunning() {
        return this.process != null && this.process.isAlive();
    }

    /**
     * Kills the server (all its data is lost) and waits until it has exited.
     */
    public synchronized void stop() {
        Process current = this.process;
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        try {
            if (!current.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + this.port + " did not exit");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping redis-server", ex);
        }
        this.process = null;
    }

    /**
     * Starts the server again on the same port and waits until it accepts connections.
     */
    public synchronized void resume() {
        if (isRunning()) {
            return;
        }
        List<String> command = List.of(this.binary, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no");
        try {
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile())).start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot start " + this.binary + "; install redis-server or set "
                    + BINARY_VARIABLE, ex);
        }
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!accepts()) {
            if (System.nanoTime() > deadline || !isRunning()) {
                stop();
                throw new IllegalStateException("redis-server did not start on port " + this.port + "; see "
                        + this.log);
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting redis-server", ex);
            }
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(this.log);
        }
        catch (IOException ex) {
            // a temporary file; the OS cleans it up eventually
        }
    }

    private static String binary() {
        String configured = System.getenv(BINARY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                File candidate = new File(directory, "redis-server");
                if (candidate.canExecute()) {
                    return candidate.getAbsolutePath();
                }
            }
        }
        throw new IllegalStateException("redis-server is not on the PATH; install it or set " + BINARY_VARIABLE);
    }

    @Override
    public String toString() {
        return "LocalRedisServer[port=" + this.port + ", running=" + isRunning() + "]";
    }
}
