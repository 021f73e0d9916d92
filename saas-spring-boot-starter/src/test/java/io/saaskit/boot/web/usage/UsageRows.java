package io.saaskit.boot.web.usage;

import io.saaskit.boot.web.testing.RunningApp;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Database checks of metering rows, read as the database superuser (row-level security does not apply).
 */
final class UsageRows {

    private UsageRows() {
    }

    static long events(RunningApp app, String orgId) {
        return JdbcClient.create(app.database().dataSource())
                .sql("select count(*) from usage_event where org_id = cast(:org as uuid)")
                .param("org", orgId).query(Long.class).single();
    }

    static long audited(RunningApp app, String orgId, String action) {
        return JdbcClient.create(app.database().dataSource())
                .sql("select count(*) from audit_log where org_id = cast(:org as uuid) and action = :action")
                .param("org", orgId).param("action", action).query(Long.class).single();
    }

    static String plan(RunningApp app, String orgId) {
        return JdbcClient.create(app.database().dataSource())
                .sql("select plan || ':' || coalesce(plan_limit::text, 'null') || ':' || plan_source "
                        + "from organization where id = cast(:org as uuid)")
                .param("org", orgId).query(String.class).single();
    }
}
