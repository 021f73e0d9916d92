package io.saaskit.boot.autoconfigure;

import java.util.Set;

import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.audit.port.AuditLog;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.provisioning.port.ScimTokenRepository;
import io.saaskit.core.shared.port.ReadinessProbe;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Explains a startup failure caused by a missing implementation of a saaskit port, saying which jar to add or which
 * bean to define.
 *
 * <p>Spring's own message ("No qualifying bean of type ...") names the interface but not how to provide it. This
 * analyzer runs before Spring Boot's generic one and, for the persistence ports, looks at why the PostgreSQL
 * adapter did not provide them: its jar is absent, it is switched off, or there is no {@code DataSource}.
 */
final class MissingPortFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
        implements Ordered {

    static final String JDBC_ADAPTER_ARTIFACT = "io.saaskit:saas-adapters-jdbc";

    static final String JDBC_ADAPTER_CLASS = "io.saaskit.adapters.jdbc.JdbcUserRepository";

    private static final String DATA_SOURCE_HINT = "a DataSource (for example "
            + "org.springframework.boot:spring-boot-starter-jdbc with spring.datasource.url set)";

    private static final Set<Class<?>> JDBC_PORTS = Set.of(TransactionRunner.class, UserRepository.class,
            SessionRepository.class, OrganizationRepository.class, MembershipRepository.class, ReadinessProbe.class,
            ApiKeyRepository.class, AuditSink.class, AuditLog.class, WriteGate.class, DirectoryRepository.class,
            ScimTokenRepository.class, SubscriptionRepository.class, BillingAccountStore.class, StripeEventInbox.class);

    private final @Nullable ClassLoader classLoader;

    private final Environment environment;

    MissingPortFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
        this.classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
                ? configurable.getBeanClassLoader() : ClassUtils.getDefaultClassLoader();
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        // Ahead of Spring Boot's NoSuchBeanDefinitionFailureAnalyzer, which would otherwise claim the failure.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        Class<?> type = cause.getBeanType();
        if (cause instanceof NoUniqueBeanDefinitionException || type == null || !isPort(type)) {
            return null;
        }
        return new FailureAnalysis(description(rootFailure, type), action(type), cause);
    }

    static boolean isPort(Class<?> type) {
        String packageName = type.getPackageName();
        return type.isInterface() && packageName.startsWith("io.saaskit.core.")
                && (packageName.endsWith(".port") || packageName.contains(".port."));
    }

    private String description(Throwable rootFailure, Class<?> type) {
        String requiredBy = requiringBean(rootFailure);
        return "saaskit needs a bean of type '" + type.getName() + "'"
                + ((requiredBy != null) ? " (required by bean '" + requiredBy + "')" : "")
                + ", but the application defines none.";
    }

    /** The innermost bean that failed, which is the one that asked for the port. */
    private static @Nullable String requiringBean(Throwable failure) {
        String beanName = null;
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof BeanCreationException creation && creation.getBeanName() != null) {
                beanName = creation.getBeanName();
            }
        }
        return beanName;
    }

    private String action(Class<?> type) {
        String defineBean = "define a bean of type '" + type.getName() + "'.";
        if (!JDBC_PORTS.contains(type)) {
            return "Add the saaskit adapter jar that implements " + type.getSimpleName() + ", or " + defineBean;
        }
        if (!ClassUtils.isPresent(JDBC_ADAPTER_CLASS, this.classLoader)) {
            return "Add the " + JDBC_ADAPTER_ARTIFACT + " jar and " + DATA_SOURCE_HINT + " to the application, or "
                    + defineBean;
        }
        if ("false".equalsIgnoreCase(this.environment.getProperty("saaskit.jdbc.enabled"))) {
            return "saaskit.jdbc.enabled is false, so " + JDBC_ADAPTER_ARTIFACT + " provides no "
                    + type.getSimpleName() + ". Remove that setting, or " + defineBean;
        }
        return JDBC_ADAPTER_ARTIFACT + " is on the class path but found no single DataSource bean. Add "
                + DATA_SOURCE_HINT + ", or " + defineBean;
    }
}
