package io.saaskit.example.database;

import java.util.LinkedHashMap;
import java.util.Map;

import io.saaskit.example.DeploymentEnvironment;
import io.saaskit.example.StartupRefusedException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides where the database is before any bean is created: {@code DATABASE_URL} when set, an embedded
 * PostgreSQL otherwise.
 *
 * <p>{@code application.yml} maps {@code DATABASE_URL} to {@code saaskit.jdbc.url}. When that is set, it is parsed
 * by {@link DatabaseUrl} into {@code spring.datasource.url}, {@code username} and {@code password}, in a property
 * source that takes precedence over every other, so Spring Boot's ordinary {@code DataSource} (Hikari, sized by
 * {@code DATABASE_POOL_MAX}) connects to it. When neither {@code saaskit.jdbc.url} nor {@code spring.datasource.url}
 * is set, it sets {@value #EMBEDDED_PROPERTY}, which switches on {@link EmbeddedPostgresConfiguration} — except in
 * production, where it fails startup, because a production database must be named explicitly. Registered in
 * {@code META-INF/spring.factories}; it runs after the configuration files are loaded.
 */
public final class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** Set by this class to tell the embedded database configuration to start; not meant to be set by users. */
    public static final String EMBEDDED_PROPERTY = "saaskit.jdbc.embedded.enabled";

    static final String PROPERTY_SOURCE_NAME = "saaskitDatabase";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        String databaseUrl = binder.bind("saaskit.jdbc.url", String.class).orElse("");
        String datasourceUrl = binder.bind("spring.datasource.url", String.class).orElse("");
        Map<String, Object> properties = new LinkedHashMap<>();
        if (StringUtils.hasText(databaseUrl)) {
            DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
            properties.put("spring.datasource.url", parsed.jdbcUrl());
            if (parsed.username() != null) {
                properties.put("spring.datasource.username", parsed.username());
            }
            if (parsed.password() != null) {
                properties.put("spring.datasource.password", parsed.password());
            }
            properties.put(EMBEDDED_PROPERTY, "false");
        }
        else if (StringUtils.hasText(datasourceUrl)) {
            properties.put(EMBEDDED_PROPERTY, "false");
        }
        else if (DeploymentEnvironment.isProduction(environment)) {
            throw new StartupRefusedException("DATABASE_URL is required in production: the embedded PostgreSQL is "
                    + "only for development.", "Set DATABASE_URL=postgres://user:password@host:5432/database.");
        }
        else {
            properties.put(EMBEDDED_PROPERTY, "true");
        }
        environment.getPropertySources().remove(PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
