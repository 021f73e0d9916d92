package io.saaskit.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.saaskit.boot.web.auth.AuthController;
import io.saaskit.boot.web.auth.AuthenticatedSessionArgumentResolver;
import io.saaskit.boot.web.auth.PasswordController;
import io.saaskit.boot.web.auth.SessionAuthenticator;
import io.saaskit.boot.web.auth.SessionCookie;
import io.saaskit.boot.web.auth.SessionsController;
import io.saaskit.boot.web.health.HealthController;
import io.saaskit.boot.web.health.ReadinessChecks;
import io.saaskit.boot.web.health.ReadinessController;
import io.saaskit.boot.web.health.ShutdownState;
import io.saaskit.boot.web.org.MembersController;
import io.saaskit.boot.web.org.OrgAccessArgumentResolver;
import io.saaskit.boot.web.org.OrgController;
import io.saaskit.boot.web.org.TenantResolver;
import io.saaskit.boot.web.support.AccessLogFilter;
import io.saaskit.boot.web.support.BodySizeLimitFilter;
import io.saaskit.boot.web.support.ClientAddressResolver;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.CorsFilter;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.OriginCheckFilter;
import io.saaskit.boot.web.support.ProblemErrorController;
import io.saaskit.boot.web.support.ProblemExceptionResolver;
import io.saaskit.boot.web.support.ProblemMapper;
import io.saaskit.boot.web.support.ProblemResponseFilter;
import io.saaskit.boot.web.support.ProblemWriter;
import io.saaskit.boot.web.support.RequestIdFilter;
import io.saaskit.boot.web.support.SaasWebMvcConfigurer;
import io.saaskit.boot.web.support.SecurityHeadersFilter;
import io.saaskit.boot.web.support.WebOrigins;
import io.saaskit.core.auth.AuthService;
import io.saaskit.core.identity.SessionService;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.ratelimit.AuthRateLimitService;
import io.saaskit.core.shared.port.ReadinessProbe;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of saaskit's HTTP inbound adapter on Spring MVC: the request filters, problem responses for
 * every failure, session and tenant resolution for controllers, and the endpoint groups {@code auth}
 * ({@code /auth/*}), {@code org} ({@code /org}, {@code /org/members}) and {@code health} ({@code /health},
 * {@code /ready}), each switched off with {@code saaskit.http.<group>.enabled=false} (its paths then answer 404).
 *
 * <p>The filters run in this order, outermost first: request id (and MDC), security headers, access log, the
 * problem boundary (nothing escapes as a container error page), CORS, the origin rule, the body size limit. It
 * runs before Spring Boot's error MVC configuration so that its problem-writing error controller replaces the
 * default one.
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class, before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@EnableConfigurationProperties({ SaasProperties.class, SaasHttpProperties.class, SaasSessionProperties.class })
public final class SaasWebAutoConfiguration {

    /** The order of the outermost saaskit filter; the others follow it. */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** How long each readiness probe may take. */
    static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    ProblemWriter saasProblemWriter(SaasHttpProperties http) {
        return new ProblemWriter(http.problemTypeBase());
    }

    @Bean
    ProblemMapper saasProblemMapper() {
        return new ProblemMapper();
    }

    @Bean
    WebOrigins saasWebOrigins(SaasProperties saas) {
        return new WebOrigins(saas.webBaseUrl(), saas.apiBaseUrl());
    }

    @Bean
    ClientInfos saasClientInfos(SaasHttpProperties http) {
        return new ClientInfos(new ClientAddressResolver(http.trustedProxies()));
    }

    @Bean
    JsonBodyReader saasJsonBodyReader(SaasHttpProperties http) {
        return new JsonBodyReader(http.maxBodySize().toBytes());
    }

    @Bean
    SessionCookie saasSessionCookie(SaasProperties saas, SaasSessionProperties session, SessionService sessions) {
        SaasSessionProperties.Cookie cookie = session.cookie();
        return new SessionCookie(cookie.isSecure(saas.isProduction()), cookie.domain(), cookie.sameSite(),
                sessions.settings().ttl());
    }

    @Bean
    SessionAuthenticator saasSessionAuthenticator(SessionService sessions, SessionCookie cookie) {
        return new SessionAuthenticator(sessions, cookie);
    }

    @Bean
    TenantResolver saasTenantResolver(SessionAuthenticator authenticator, MembershipService memberships) {
        return new TenantResolver(authenticator, memberships);
    }

    @Bean
    SaasWebMvcConfigurer saasWebMvcConfigurer(SessionAuthenticator authenticator, TenantResolver tenants,
            ProblemMapper mapper, ProblemWriter writer) {
        return new SaasWebMvcConfigurer(
                List.of(new AuthenticatedSessionArgumentResolver(authenticator),
                        new OrgAccessArgumentResolver(tenants)),
                new ProblemExceptionResolver(mapper, writer));
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController saasErrorController(ProblemMapper mapper, ProblemWriter writer) {
        return new ProblemErrorController(mapper, writer);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> saasRequestIdFilter() {
        return registration(new RequestIdFilter(), 0);
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> saasSecurityHeadersFilter(SessionCookie cookie) {
        return registration(new SecurityHeadersFilter(cookie.secure()), 1);
    }

    @Bean
    FilterRegistrationBean<AccessLogFilter> saasAccessLogFilter() {
        return registration(new AccessLogFilter(), 2);
    }

    @Bean
    FilterRegistrationBean<ProblemResponseFilter> saasProblemResponseFilter(ProblemMapper mapper,
            ProblemWriter writer) {
        return registration(new ProblemResponseFilter(mapper, writer), 3);
    }

    @Bean
    FilterRegistrationBean<CorsFilter> saasCorsFilter(WebOrigins origins) {
        return registration(new CorsFilter(origins), 4);
    }

    @Bean
    FilterRegistrationBean<OriginCheckFilter> saasOriginCheckFilter(WebOrigins origins, ProblemWriter writer) {
        return registration(new OriginCheckFilter(origins, SessionCookie.NAME, writer), 5);
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> saasBodySizeLimitFilter(SaasHttpProperties http,
            ProblemWriter writer) {
        return registration(new BodySizeLimitFilter(http.maxBodySize().toBytes(), writer), 6);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.auth.enabled", matchIfMissing = true)
    AuthController saasAuthController(AuthService auth, AuthRateLimitService limits,
            SessionAuthenticator authenticator, SessionCookie cookie, JsonBodyReader bodies, ClientInfos clients) {
        return new AuthController(auth, limits, authenticator, cookie, bodies, clients);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.auth.enabled", matchIfMissing = true)
    PasswordController saasPasswordController(AuthService auth, AuthRateLimitService limits, SessionCookie cookie,
            JsonBodyReader bodies, ClientInfos clients) {
        return new PasswordController(auth, limits, cookie, bodies, clients);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.auth.enabled", matchIfMissing = true)
    SessionsController saasSessionsController(SessionService sessions, AuthService auth, SessionCookie cookie,
            ClientInfos clients) {
        return new SessionsController(sessions, auth, cookie, clients);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.org.enabled", matchIfMissing = true)
    OrgController saasOrgController(MembershipService memberships, JsonBodyReader bodies, ClientInfos clients) {
        return new OrgController(memberships, bodies, clients);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.org.enabled", matchIfMissing = true)
    MembersController saasMembersController(MembershipService memberships, JsonBodyReader bodies,
            ClientInfos clients) {
        return new MembersController(memberships, bodies, clients);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.health.enabled", matchIfMissing = true)
    HealthController saasHealthController() {
        return new HealthController();
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.health.enabled", matchIfMissing = true)
    ShutdownState saasShutdownState(ApplicationContext context) {
        return new ShutdownState(context);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.health.enabled", matchIfMissing = true)
    ReadinessChecks saasReadinessChecks(ObjectProvider<ReadinessProbe> probes) {
        return new ReadinessChecks(probes.orderedStream().toList(), READINESS_TIMEOUT);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.health.enabled", matchIfMissing = true)
    ReadinessController saasReadinessController(ReadinessChecks checks, ShutdownState shutdown,
            ProblemWriter writer) {
        return new ReadinessController(checks, shutdown, writer);
    }

    private static <F extends Filter> FilterRegistrationBean<F> registration(F filter, int position) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setName("saaskit" + filter.getClass().getSimpleName());
        registration.setOrder(FILTER_ORDER + position);
        return registration;
    }
}
