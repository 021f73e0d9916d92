package io.saaskit.boot.web.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts test main classes as child JVMs on the test class path, so a test can kill them with SIGKILL
 * ({@link Process#destroyForcibly()}) and start them again; each child's output goes to its own file under
 * {@code target/child-jvms}. {@link #close()} kills the children still running.
 */
public final class ChildJvms implements AutoCloseable {

    /** The exit value of a process killed by SIGKILL. */
    public static final int KILLED = 137;

    private final List<Process> children = new ArrayList<>();

    /**
     * Starts a child JVM.
     * @param main the class whose {@code main} runs
     * @param name the prefix of the log file
     * @param maxHeap the {@code -Xmx} value, for example {@code 128m}
     * @param arguments the program arguments
     * @return the running process
     * @throws IOException when the process or its log cannot be created
     */
    public Process start(Class<?> main, String name, String maxHeap, List<String> arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(arguments);
        Path logs = Files.createDirectories(Path.of("target", "child-jvms"));
        Path log = Files.createTempFile(logs, name + "-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString()))).start();
        this.children.add(process);
        return process;
    }

    /**
     * Waits until a condition holds, failing the test after a timeout.
     * @param condition the condition, polled every 20 ms
     * @param timeout the longest wait
     * @param what what is awaited, for the failure message
     * @throws InterruptedException when interrupted
     */
    public static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        this.children.forEach(Process::destroyForcibly);
        this.children.clear();
    }
}
