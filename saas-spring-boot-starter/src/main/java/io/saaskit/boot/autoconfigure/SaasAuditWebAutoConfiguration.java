package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.audit.AuditController;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.audit.AuditService;
import io.saaskit.core.ratelimit.AuditExportRateLimitService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the audit endpoints ({@code GET /audit}, its exports, {@code GET /audit/verify} and
 * {@code GET /admin/audit}); {@code saaskit.http.audit.enabled=false} switches them off.
 */
@AutoConfiguration(after = { SaasAuditAutoConfiguration.class, SaasWebAutoConfiguration.class,
        SaasMeteringWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@ConditionalOnBean(AuditService.class)
public final class SaasAuditWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(RequestContexts.class)
    RequestContexts saasRequestContexts(ClientInfos clients) {
        return new RequestContexts(clients);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.audit.enabled", matchIfMissing = true)
    AuditController saasAuditController(AuditService audit, AuditExportRateLimitService exportLimit,
            RequestContexts contexts) {
        return new AuditController(audit, exportLimit, contexts);
    }
}
