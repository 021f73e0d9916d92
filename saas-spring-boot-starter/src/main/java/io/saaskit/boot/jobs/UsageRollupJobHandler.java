package io.saaskit.boot.jobs;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.metering.UsageDrift;
import io.saaskit.core.metering.UsageRollupService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@value #TYPE} job: recomputes the {@code api_requests} and {@code api_key:<id>} daily rollups of one UTC day
 * from the usage events. The payload {@code {"date":"2026-03-01"}} names the day; without a date (the daily
 * schedule's {@code {}}) it is yesterday. Every corrected row is logged as metering drift (a warning with the
 * organization, metric, recorded and actual quantities). A payload that is not such a document fails the job, which
 * then ends in the dead letters.
 */
public final class UsageRollupJobHandler implements JobHandler {

    /** The job type. */
    public static final String TYPE = "usage-rollup";

    /** What the daily schedule enqueues: the rollup of yesterday. */
    public static final JobRequest YESTERDAY = new JobRequest(JobRequest.USAGE_ROLLUPS, TYPE, "{}");

    private static final Logger logger = LoggerFactory.getLogger(UsageRollupJobHandler.class);

    private final JsonMapper json = JsonMapper.builder().build();

    private final UsageRollupService rollups;

    /**
     * Creates the handler.
     * @param rollups the rollup service
     */
    public UsageRollupJobHandler(UsageRollupService rollups) {
        this.rollups = Objects.requireNonNull(rollups, "rollups");
    }

    /**
     * The request that recomputes one day, for on-demand runs.
     * @param day the UTC day
     * @return the request
     */
    public static JobRequest forDay(LocalDate day) {
        return new JobRequest(JobRequest.USAGE_ROLLUPS, TYPE, "{\"date\":\"" + day + "\"}");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) {
        LocalDate day = day(job.payload());
        List<UsageDrift> drift = this.rollups.rollUp(day);
        for (UsageDrift row : drift) {
            logger.atWarn().addKeyValue("orgId", row.orgId().value()).addKeyValue("metric", row.metric())
                    .addKeyValue("day", row.day()).addKeyValue("recorded", row.recorded())
                    .addKeyValue("actual", row.actual())
                    .log("Metering drift corrected: daily rollup differed from the usage events");
        }
        logger.atInfo().addKeyValue("day", day).addKeyValue("corrected", drift.size()).log("Usage rollup done");
    }

    private LocalDate day(String payload) {
        JsonNode document;
        try {
            document = this.json.readTree(payload);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("The usage-rollup payload is not JSON");
        }
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("The usage-rollup payload is not a JSON object");
        }
        JsonNode date = document.get("date");
        if (date == null || date.isNull()) {
            return this.rollups.yesterday();
        }
        try {
            return LocalDate.parse(date.asString());
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("The usage-rollup date is not an ISO date (yyyy-mm-dd)");
        }
    }
}
