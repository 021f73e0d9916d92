package io.saaskit.example.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saaskit.example.ExampleApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example app started in this JVM exactly as {@code java -jar example-app.jar} starts it, with "environment
 * variables" given as {@code --NAME=value} arguments (they resolve the same placeholders in
 * {@code application.yml} as real variables do, and unlike those can differ per test).
 *
 * <p>Unless told otherwise it listens on a random port ({@code API_PORT=0}) and logs plain text.
 */
public final class RunningApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the server, or runs a command ({@code migrate}, {@code seed}) to completion.
     * @param variables environment variables by name
     * @param command an optional command
     * @return the running app (for a command: its context, already finished)
     */
    public static RunningApp start(Map<String, String> variables, String... command) {
        return new RunningApp(ExampleApplication.run(arguments(variables, command)));
    }

    /**
     * The program arguments for the given variables and command.
     * @param variables environment variables by name
     * @param command an optional command
     * @return the arguments
     */
    public static String[] arguments(Map<String, String> variables, String... command) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("API_PORT", "0");
        all.put("spring.profiles.active", "plain-logs");
        all.putAll(variables);
        List<String> arguments = new ArrayList<>(List.of(command));
        all.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments.toArray(String[]::new);
    }

    public int port() {
        return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    public ConfigurableApplicationContext context() {
        return this.context;
    }

    public <T> T bean(Class<T> type) {
        return this.context.getBean(type);
    }

    @Override
    public void close() {
        this.context.close();
    }
}
