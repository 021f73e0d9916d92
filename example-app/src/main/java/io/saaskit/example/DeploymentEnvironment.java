package io.saaskit.example;

import java.util.Locale;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which deployment the app runs in, read from {@code saaskit.environment} ({@code NODE_ENV} or
 * {@code SAASKIT_ENVIRONMENT}).
 *
 * <p>The app needs the answer before the starter's properties are bound (while the environment is being prepared,
 * to refuse an embedded database) and in places that should not depend on the starter's property classes, so it
 * reads the property itself, with the same relaxed rules and the same default ({@code development}).
 */
public final class DeploymentEnvironment {

    /** The property that names the deployment environment. */
    public static final String PROPERTY = "saaskit.environment";

    private DeploymentEnvironment() {
    }

    /**
     * Whether production rules apply: no embedded database, no demo data.
     * @param environment the Spring environment
     * @return true when {@code saaskit.environment} is {@code production} (any case)
     */
    public static boolean isProduction(Environment environment) {
        String name = Binder.get(environment).bind(PROPERTY, String.class).orElse("development");
        return "production".equals(name.trim().toLowerCase(Locale.ROOT));
    }
}
