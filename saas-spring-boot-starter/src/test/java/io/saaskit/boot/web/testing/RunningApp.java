package io.saaskit.boot.web.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.saaskit.adapters.jdbc.testing.TestPostgres;
import io.saaskit.core.testing.MutableClock;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test application running on a random port against its own PostgreSQL database, started and closed
 * explicitly by a test class so each configuration lives only as long as the tests that need it.
 */
public final class RunningApp implements AutoCloseable {

    /** The session secret of test applications. */
    public static final String SECRET = "test-session-secret-0123456789abcdef";

    /** Properties every test application gets; a test's own properties come later and win. */
    private static final List<String> DEFAULTS = List.of(
            "server.port=0",
            "spring.main.banner-mode=off",
            "saaskit.session.secret=" + SECRET,
            "saaskit.rate-limit.store=memory",
            "saaskit.rate-limit.auth.register-ip=0",
            "saaskit.rate-limit.auth.login-ip=0",
            "saaskit.rate-limit.auth.login-identifier=0",
            "saaskit.web-base-url=http://web.example.test:3000",
            "saaskit.api-base-url=http://api.example.test:4000",
            // No background worker unless a test asks for one: its scheduled jobs would act on the tests' clock.
            "saaskit.worker.enabled=false");

    private final ConfigurableApplicationContext context;

    private final TestPostgres.Database database;

    private final Http http;

    private RunningApp(ConfigurableApplicationContext context, TestPostgres.Database database) {
        this.context = context;
        this.database = database;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.http = new Http(URI.create("http://127.0.0.1:" + port));
    }

    /**
     * Starts the application on a new, empty database.
     * @param properties extra {@code name=value} properties
     * @return the running application
     */
    public static RunningApp start(String... properties) {
        return start(TestPostgres.createDatabase(), properties);
    }

    /**
     * Starts the application on an existing database, for example to restart with another configuration.
     * @param database the database
     * @param properties extra {@code name=value} properties
     * @return the running application
     */
    public static RunningApp start(TestPostgres.Database database, String... properties) {
        return start(database, new Class<?>[0], properties);
    }

    /**
     * Starts the application with extra configuration classes on a new, empty database.
     * @param configuration the extra {@code @Configuration} classes
     * @param properties extra {@code name=value} properties
     * @return the running application
     */
    public static RunningApp startWith(Class<?>[] configuration, String... properties) {
        return start(TestPostgres.createDatabase(), configuration, properties);
    }

    private static RunningApp start(TestPostgres.Database database, Class<?>[] configuration,
            String... properties) {
        List<String> all = new ArrayList<>(DEFAULTS);
        all.add("spring.datasource.url=" + database.jdbcUrl());
        all.add("spring.datasource.username=" + database.username());
        all.add("spring.datasource.password=" + database.password());
        all.add("spring.datasource.hikari.maximum-pool-size=4");
        all.addAll(Arrays.asList(properties));
        Class<?>[] sources = new Class<?>[configuration.length + 1];
        sources[0] = WebTestApplication.class;
        System.arraycopy(configuration, 0, sources, 1, configuration.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources)
                .properties(all.toArray(String[]::new))
                .run();
        return new RunningApp(context, database);
    }

    public Http http() {
        return this.http;
    }

    public MutableClock clock() {
        return this.context.getBean(MutableClock.class);
    }

    public <T> T bean(Class<T> type) {
        return this.context.getBean(type);
    }

    public TestPostgres.Database database() {
        return this.database;
    }

    public ConfigurableApplicationContext context() {
        return this.context;
    }

    @Override
    public void close() {
        this.context.close();
    }
}
