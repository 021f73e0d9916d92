package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.plan.PlanController;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.boot.web.usage.MeteringResponseAdvice;
import io.saaskit.boot.web.usage.MeteringWebMvcConfigurer;
import io.saaskit.boot.web.usage.UsageController;
import io.saaskit.boot.web.usage.UsageMeter;
import io.saaskit.core.metering.MeteringService;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.UsageService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of metering's HTTP layer on Spring MVC: the {@link UsageMeter} that metered routes (such as
 * the example app's {@code GET /data}) call, the interceptor and response advice that record or give back their
 * usage, and two endpoint groups: {@code usage} ({@code GET /usage}, {@code GET /usage/summary},
 * {@code POST /usage/events}) and {@code admin} ({@code GET}, {@code POST}, {@code DELETE /admin/plan}), switched off
 * with {@code saaskit.http.usage.enabled=false} and {@code saaskit.http.admin.enabled=false} (their paths then
 * answer 404).
 */
@AutoConfiguration(after = { SaasMeteringAutoConfiguration.class, SaasWebAutoConfiguration.class,
        SaasApiKeyWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@ConditionalOnBean(MeteringService.class)
@EnableConfigurationProperties(SaasProperties.class)
public final class SaasMeteringWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(RequestContexts.class)
    RequestContexts saasRequestContexts(ClientInfos clients) {
        return new RequestContexts(clients);
    }

    @Bean
    @ConditionalOnMissingBean(UsageMeter.class)
    UsageMeter saasUsageMeter(MeteringService metering, RequestContexts contexts) {
        return new UsageMeter(metering, contexts);
    }

    @Bean
    MeteringWebMvcConfigurer saasMeteringWebMvcConfigurer() {
        return new MeteringWebMvcConfigurer();
    }

    @Bean
    MeteringResponseAdvice saasMeteringResponseAdvice() {
        return new MeteringResponseAdvice();
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.usage.enabled", matchIfMissing = true)
    UsageController saasUsageController(UsageService usage, JsonBodyReader bodies, RequestContexts contexts) {
        return new UsageController(usage, bodies, contexts);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.admin.enabled", matchIfMissing = true)
    PlanController saasPlanController(PlanService plans, JsonBodyReader bodies, RequestContexts contexts,
            SaasProperties saas) {
        return new PlanController(plans, bodies, contexts, saas.demoMode());
    }
}
