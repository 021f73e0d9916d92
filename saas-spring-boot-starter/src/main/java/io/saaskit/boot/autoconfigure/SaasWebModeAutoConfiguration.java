package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.health.HealthOnlyFilter;
import io.saaskit.boot.web.support.ProblemMapper;
import io.saaskit.boot.web.support.ProblemWriter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the worker-only process mode: with {@code saaskit.web.enabled=false} the web server still
 * runs, but serves only {@code /health} and {@code /ready} (for load balancers and orchestrators); every other path,
 * saaskit's endpoint groups and the application's own routes alike, answers 404 as an unknown route. The worker runs
 * as usual ({@code saaskit.worker.enabled}, default true).
 *
 * <p>The filter sits right after saaskit's request-id, security-header and access-log filters, so refused requests
 * are still logged with their request id, and before anything that reads a session or a body.
 */
@AutoConfiguration(after = SaasWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "saaskit.web.enabled", havingValue = false)
@EnableConfigurationProperties(SaasWebModeProperties.class)
public final class SaasWebModeAutoConfiguration {

    /**
     * The access log's order (position 2 of saaskit's filters); registered after it, this filter runs after it and
     * before the problem boundary (position 3).
     */
    static final int FILTER_ORDER = SaasWebAutoConfiguration.FILTER_ORDER + 2;

    @Bean
    FilterRegistrationBean<HealthOnlyFilter> saasHealthOnlyFilter(ProblemMapper mapper, ProblemWriter writer) {
        FilterRegistrationBean<HealthOnlyFilter> registration =
                new FilterRegistrationBean<>(new HealthOnlyFilter(mapper, writer));
        registration.setName("saaskitHealthOnlyFilter");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
