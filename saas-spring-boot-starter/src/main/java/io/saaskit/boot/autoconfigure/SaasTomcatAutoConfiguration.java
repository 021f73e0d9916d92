package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.auth.SessionCookie;
import io.saaskit.boot.web.support.ProblemMapper;
import io.saaskit.boot.web.support.ProblemRendererSelector;
import io.saaskit.boot.web.support.ProblemWriter;
import io.saaskit.boot.web.support.SecurityHeadersFilter;
import io.saaskit.boot.web.tomcat.ProblemErrorReportValve;
import io.saaskit.boot.web.tomcat.ProblemErrorReportValveInstaller;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of problem+json for the errors Tomcat answers itself, before saaskit's filters run (an
 * undecodable request target, a header over the size limit): Tomcat's HTML error report is replaced by
 * {@link ProblemErrorReportValve}, which keeps the format other areas chose for their paths (every
 * {@link ProblemRendererSelector} bean, such as the SCIM error schema under {@code /scim/v2}). Active only when the
 * application runs on Spring Boot's Tomcat and saaskit's HTTP layer is configured; other servers keep their own
 * error pages.
 */
@AutoConfiguration(after = SaasWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = { "org.apache.catalina.valves.ErrorReportValve",
        "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory" })
@ConditionalOnBean({ ProblemMapper.class, ProblemWriter.class, SessionCookie.class })
public final class SaasTomcatAutoConfiguration {

    @Bean
    ProblemErrorReportValveInstaller saasProblemErrorReportValveInstaller(ProblemMapper mapper,
            ProblemWriter writer, SessionCookie cookie, ObjectProvider<ProblemRendererSelector> renderers) {
        return new ProblemErrorReportValveInstaller(new ProblemErrorReportValve(mapper, writer,
                new SecurityHeadersFilter(cookie.secure()), renderers.orderedStream().toList()));
    }
}
