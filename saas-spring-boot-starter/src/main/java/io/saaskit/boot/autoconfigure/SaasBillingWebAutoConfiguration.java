package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.admin.AdminTokenAuthenticator;
import io.saaskit.boot.web.admin.StripeEventsAdminController;
import io.saaskit.boot.web.billing.BillingController;
import io.saaskit.boot.web.billing.StripeWebhookController;
import io.saaskit.boot.web.billing.StripeWebhookRawBodyFilter;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.billing.BillingReconciliationService;
import io.saaskit.core.billing.BillingService;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.billing.StripeWebhookService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of billing's HTTP layer on Spring MVC, in two endpoint groups: {@code billing}
 * ({@code GET /billing/status}, {@code POST /billing/checkout}, {@code POST /billing/portal},
 * {@code POST /billing/webhook}) and {@code admin} ({@code /admin/stripe-events...}, {@code /admin/reconcile},
 * authenticated with {@code saaskit.admin.token}), switched off with {@code saaskit.http.billing.enabled=false} and
 * {@code saaskit.http.admin.enabled=false} (their paths then answer 404).
 */
@AutoConfiguration(after = { SaasBillingAutoConfiguration.class, SaasWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@ConditionalOnBean(BillingService.class)
@EnableConfigurationProperties(SaasHttpProperties.class)
@Import(SaasAdminTokenConfiguration.class)
public final class SaasBillingWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(RequestContexts.class)
    RequestContexts saasRequestContexts(ClientInfos clients) {
        return new RequestContexts(clients);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.billing.enabled", matchIfMissing = true)
    BillingController saasBillingController(BillingService billing, JsonBodyReader bodies,
            RequestContexts contexts) {
        return new BillingController(billing, bodies, contexts);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.billing.enabled", matchIfMissing = true)
    StripeWebhookController saasStripeWebhookController(StripeWebhookService webhooks, SaasHttpProperties http) {
        return new StripeWebhookController(webhooks, http.maxBodySize().toBytes());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.billing.enabled", matchIfMissing = true)
    FilterRegistrationBean<StripeWebhookRawBodyFilter> saasStripeWebhookRawBodyFilter() {
        FilterRegistrationBean<StripeWebhookRawBodyFilter> registration =
                new FilterRegistrationBean<>(new StripeWebhookRawBodyFilter());
        registration.setName("saaskitStripeWebhookRawBodyFilter");
        registration.addUrlPatterns("/billing/webhook");
        registration.setOrder(SaasWebAutoConfiguration.FILTER_ORDER + 7);
        return registration;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.admin.enabled", matchIfMissing = true)
    StripeEventsAdminController saasStripeEventsAdminController(AdminTokenAuthenticator authenticator,
            StripeEventService events, BillingReconciliationService reconciliation, RequestContexts contexts) {
        return new StripeEventsAdminController(authenticator, events, reconciliation, contexts);
    }
}
