package io.saaskit.boot.web.testing;

import io.saaskit.core.jobs.port.JobQueue;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.Ordered;

/**
 * Gives a test application a {@link RecordingJobQueue} when, once every configuration and auto-configuration has
 * registered its beans, nothing provides a {@link JobQueue}; a real queue auto-configuration always wins.
 */
public final class JobQueueFallback implements BeanDefinitionRegistryPostProcessor, Ordered {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry instanceof ConfigurableListableBeanFactory beans
                && beans.getBeanNamesForType(JobQueue.class, true, false).length == 0) {
            registry.registerBeanDefinition("testJobQueue", new RootBeanDefinition(RecordingJobQueue.class));
        }
    }

    @Override
    public int getOrder() {
        // After the configuration classes (and so the auto-configurations) have registered their beans.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
