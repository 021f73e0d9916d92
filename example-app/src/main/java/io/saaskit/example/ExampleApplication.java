package io.saaskit.example;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The runnable saaskit example: the starter's API on {@code API_PORT} (default 4000), backed by PostgreSQL.
 *
 * <p>Everything else is configuration: {@code application.yml} maps the original product's environment variables
 * onto saaskit properties, {@code DATABASE_URL} (or, when unset, an embedded PostgreSQL) provides the database, and
 * the first argument may name a one-shot command ({@code migrate} or {@code seed}, see {@link AppCommand}).
 */
@SpringBootApplication
public class ExampleApplication {

    private static final Logger logger = LoggerFactory.getLogger(ExampleApplication.class);

    /**
     * Starts the server, or runs a command and exits with its status.
     * @param args an optional command followed by {@code --property=value} options
     */
    public static void main(String[] args) {
        AppCommand command;
        try {
            command = AppCommand.of(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        if (!command.exitsAfterStartup()) {
            ShutdownSignals.install();
            run(args);
            return;
        }
        ConfigurableApplicationContext context = run(args);
        logger.info("Command {} finished", command.name().toLowerCase(Locale.ROOT));
        System.exit(SpringApplication.exit(context));
    }

    @Bean
    ApplicationRunner saasIgnoredVariablesNotice(Environment environment) {
        return new IgnoredVariablesNotice(environment);
    }

    /**
     * Starts the application in this JVM without installing signal handlers or exiting; for tests and for
     * embedding. A command's work is done when this returns; the caller closes the context.
     * @param args an optional command followed by {@code --property=value} options
     * @return the running application context
     */
    public static ConfigurableApplicationContext run(String... args) {
        AppCommand command = AppCommand.of(args);
        return SpringApplication.run(ExampleApplication.class, command.springArguments(args));
    }
}
