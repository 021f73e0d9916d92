package io.saaskit.boot.jobs;

import java.time.Duration;

import io.saaskit.core.jobs.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LoggingJobListenerTests {

    private final LoggingJobListener listener = new LoggingJobListener();

    private final Job job = new Job("job-1", "maintenance", "session-cleanup", "{\"secret\":\"payload\"}", 3);

    @Test
    void theJobIsInTheLoggingContextWhileItRuns() {
        this.listener.started(this.job);
        assertThat(MDC.get(LoggingJobListener.JOB_ID)).isEqualTo("job-1");
        assertThat(MDC.get(LoggingJobListener.JOB_TYPE)).isEqualTo("session-cleanup");

        this.listener.succeeded(this.job, Duration.ofMillis(5));
        this.listener.finished(this.job);

        assertThat(MDC.get(LoggingJobListener.JOB_ID)).isNull();
        assertThat(MDC.get(LoggingJobListener.JOB_TYPE)).isNull();
    }

    @Test
    void failuresAreWarningsUntilTheJobIsDeadAndNeverShowThePayload(CapturedOutput output) {
        this.listener.failed(this.job, new IllegalStateException("boom"), false);
        this.listener.failed(this.job, new IllegalStateException("boom again"), true);

        assertThat(output.getOut()).contains("WARN").contains("Job failed and will be retried")
                .contains("ERROR").contains("Job failed on its last attempt and is dead")
                .contains("java.lang.IllegalStateException: boom again").doesNotContain("payload");
    }

    @Test
    void anUnreachableQueueIsLoggedOnceNotOnEveryPoll(CapturedOutput output) {
        for (int i = 0; i < 50; i++) {
            this.listener.queueUnavailable(new IllegalStateException("redis down"));
        }

        assertThat(output.getOut().split("Job queue unavailable", -1)).hasSize(2);
    }
}
