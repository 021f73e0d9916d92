package io.saaskit.boot.web.tomcat;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes {@link ProblemErrorReportValve} the host's only error report valve. It runs after Spring Boot's own
 * Tomcat customizer, which may add a plain {@link ErrorReportValve}; that one is removed, and the host is told the
 * valve class so that it does not add its default one on start.
 */
public final class ProblemErrorReportValveInstaller
        implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ProblemErrorReportValve valve;

    /**
     * Creates the installer.
     * @param valve the valve to install
     */
    public ProblemErrorReportValveInstaller(ProblemErrorReportValve valve) {
        this.valve = valve;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers((context) -> {
            if (context.getParent() instanceof StandardHost host) {
                Pipeline pipeline = host.getPipeline();
                for (Valve existing : pipeline.getValves()) {
                    if (existing instanceof ErrorReportValve) {
                        pipeline.removeValve(existing);
                    }
                }
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                pipeline.addValve(this.valve);
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
