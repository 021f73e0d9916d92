package io.saaskit.boot.jobs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.metering.UsageDrift;
import io.saaskit.core.metering.UsageRollupService;
import io.saaskit.core.testing.ForwardingUsageEventStore;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsageRollupJobHandlerTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-03T02:00:00Z"));

    private final RecordingStore events = new RecordingStore();

    private final UsageRollupJobHandler handler =
            new UsageRollupJobHandler(new UsageRollupService(this.events, this.clock));

    private static Job job(JobRequest request) {
        return new Job("1", request.queue(), request.type(), request.payload(), 1);
    }

    @Test
    void theScheduledRequestRollsUpYesterdayAndAnOnDemandRequestItsDay() {
        this.handler.handle(job(UsageRollupJobHandler.YESTERDAY));
        this.handler.handle(job(UsageRollupJobHandler.forDay(LocalDate.parse("2026-02-14"))));
        this.handler.handle(new Job("1", JobRequest.USAGE_ROLLUPS, "usage-rollup", "{\"date\":null}", 1));

        assertThat(this.events.recomputed).containsExactly(LocalDate.parse("2026-03-02"),
                LocalDate.parse("2026-02-14"), LocalDate.parse("2026-03-02"));
        assertThat(UsageRollupJobHandler.YESTERDAY.queue()).isEqualTo(JobRequest.USAGE_ROLLUPS);
        assertThat(UsageRollupJobHandler.forDay(LocalDate.parse("2026-03-01")).payload())
                .isEqualTo("{\"date\":\"2026-03-01\"}");
    }

    @Test
    void aPayloadThatNamesNoValidDayFailsTheJob() {
        for (String payload : new String[] { "not json", "[1]", "{\"date\":\"yesterday\"}", "{\"date\":7}" }) {
            assertThatIllegalArgumentException().as(payload)
                    .isThrownBy(() -> this.handler.handle(new Job("1", JobRequest.USAGE_ROLLUPS, "usage-rollup",
                            payload, 1)));
        }
        assertThat(this.events.recomputed).isEmpty();
    }

    /** An in-memory store that records which days were recomputed. */
    private static final class RecordingStore extends ForwardingUsageEventStore {

        private final List<LocalDate> recomputed = new ArrayList<>();

        RecordingStore() {
            super(new InMemoryUsageEventStore());
        }

        @Override
        public List<UsageDrift> recomputeDaily(LocalDate day) {
            this.recomputed.add(day);
            return super.recomputeDaily(day);
        }
    }
}
