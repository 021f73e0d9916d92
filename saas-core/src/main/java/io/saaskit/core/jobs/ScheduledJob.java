package io.saaskit.core.jobs;

import java.util.Objects;

/**
 * A job enqueued on a schedule, once per trigger across every instance sharing the scheduler store. A trigger missed
 * while no scheduler ran fires once at the next start.
 *
 * @param name the schedule's unique name, for example {@code usage-rollup}; lower-case letters, digits and dashes
 * @param schedule when it triggers
 * @param request what is enqueued on each trigger
 */
public record ScheduledJob(String name, JobSchedule schedule, JobRequest request) {

    public ScheduledJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(request, "request");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("A schedule name is 1 to 63 lower-case letters, digits and dashes");
        }
    }
}
