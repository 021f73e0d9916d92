package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.tomcat.ProblemErrorReportValve;
import io.saaskit.boot.web.tomcat.ProblemErrorReportValveInstaller;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SaasTomcatAutoConfiguration}: the problem+json error report valve on Tomcat, nothing without Tomcat or
 * without saaskit's HTTP layer.
 */
class SaasTomcatAutoConfigurationTests {

    private static final String SECRET = "saaskit.session.secret=0123456789abcdef0123456789abcdef";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class, SaasWebAutoConfiguration.class,
                    SaasTomcatAutoConfiguration.class))
            .withUserConfiguration(SaasWebAutoConfigurationTests.InMemoryPorts.class)
            .withPropertyValues(SECRET);

    @Test
    void onTomcatTheValveReplacesEveryOtherErrorReportValveOfTheHost() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(ProblemErrorReportValveInstaller.class);
            TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
            StandardHost host = new StandardHost();
            host.getPipeline().addValve(new ErrorReportValve());
            StandardContext tomcatContext = new StandardContext();
            tomcatContext.setParent(host);

            context.getBean(ProblemErrorReportValveInstaller.class).customize(factory);
            factory.getContextCustomizers().forEach((customizer) -> customizer.customize(tomcatContext));

            Valve[] valves = host.getPipeline().getValves();
            assertThat(valves).filteredOn((valve) -> valve instanceof ErrorReportValve).singleElement()
                    .isInstanceOf(ProblemErrorReportValve.class);
            assertThat(host.getErrorReportValveClass()).isEqualTo(ProblemErrorReportValve.class.getName());
        });
    }

    @Test
    void withoutTomcatNothingIsRegistered() {
        this.runner.withClassLoader(new FilteredClassLoader("org.apache.catalina"))
                .run((context) -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ProblemErrorReportValveInstaller.class));
    }

    @Test
    void withoutSaaskitsHttpLayerNothingIsRegistered() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SaasTomcatAutoConfiguration.class))
                .run((context) -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ProblemErrorReportValveInstaller.class));
    }
}
