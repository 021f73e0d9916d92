package io.saaskit.boot.web.testing;

import io.saaskit.core.jobs.port.JobQueue;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Gives test applications a {@link RecordingJobQueue} when nothing else provides a {@link JobQueue}: it runs last
 * (test class path only), so a real queue auto-configuration always wins.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
public class TestJobQueueAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(JobQueue.class)
    RecordingJobQueue testJobQueue() {
        return new RecordingJobQueue();
    }
}
