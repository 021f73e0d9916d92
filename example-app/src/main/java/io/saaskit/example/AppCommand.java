package io.saaskit.example;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one invocation of the app does: serve (no command), {@code migrate} or {@code seed}.
 *
 * <p>The commands are one-shot: they start the application without a web server or worker, force the migrations
 * to run, do their work during startup and then exit. {@code seed} also switches on the demo data seeding, so it
 * means "migrate, seed, exit" and is refused in production like {@code SAASKIT_SEED_DEMO_DATA}.
 */
public enum AppCommand {

    /** Run the API (and, later, the worker and web pages) until stopped. */
    SERVE(),

    /** Apply the database migrations, then exit. */
    MIGRATE("--spring.main.web-application-type=none", "--saaskit.jdbc.migrate-on-start=true",
            "--saaskit.worker.enabled=false"),

    /** Apply the migrations and create the demo data, then exit. */
    SEED("--spring.main.web-application-type=none", "--saaskit.jdbc.migrate-on-start=true",
            "--saaskit.worker.enabled=false", "--saaskit.seed.enabled=true");

    private final List<String> forcedArguments;

    AppCommand(String... forcedArguments) {
        this.forcedArguments = List.of(forcedArguments);
    }

    /**
     * Reads the command from the first argument that is not a {@code --property=value} option.
     * @param arguments the program arguments
     * @return the command; {@link #SERVE} when there is none
     * @throws IllegalArgumentException for an unknown command
     */
    public static AppCommand of(String... arguments) {
        for (String argument : arguments) {
            if (argument.startsWith("--")) {
                continue;
            }
            String name = argument.toLowerCase(Locale.ROOT);
            return switch (name) {
                case "migrate" -> MIGRATE;
                case "seed" -> SEED;
                case "serve" -> SERVE;
                default -> throw new IllegalArgumentException("Unknown command '" + argument
                        + "'. Usage: example-app [migrate|seed] [--property=value ...]");
            };
        }
        return SERVE;
    }

    /**
     * The arguments to hand to Spring Boot: the given ones plus what this command forces.
     * @param arguments the program arguments
     * @return the arguments for {@link org.springframework.boot.SpringApplication#run(String...)}
     */
    public String[] springArguments(String... arguments) {
        List<String> result = new ArrayList<>(Arrays.asList(arguments));
        result.addAll(this.forcedArguments);
        return result.toArray(String[]::new);
    }

    /**
     * Whether the process ends once startup has done the work.
     * @return true for {@code migrate} and {@code seed}
     */
    public boolean exitsAfterStartup() {
        return this != SERVE;
    }
}
