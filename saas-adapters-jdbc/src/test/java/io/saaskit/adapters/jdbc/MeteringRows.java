package io.saaskit.adapters.jdbc;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the organizations and API keys that metering rows refer to, in the shared database.
 */
final class MeteringRows {

    private static final String INSERT_KEY = """
            insert into api_key (id, org_id, name, prefix, key_hash, pepper_version, created_by_user_id, created_at)
            values (:id, :orgId, 'metering_it', :prefix, :hash, 'v1', :userId, :createdAt)
            """;

    private MeteringRows() {
    }

    static OrgId organization(MutableClock clock) {
        Organization organization = Fixtures.organization(clock);
        new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults())
                .insert(organization);
        return organization.id();
    }

    static ApiKeyId apiKey(OrgId orgId, Instant now) {
        UUID id = UUID.randomUUID();
        String hash = HexFormat.of().formatHex(UUID.randomUUID().toString().repeat(2).getBytes()).substring(0, 64);
        new TransactionTemplate(new DataSourceTransactionManager(SharedDatabase.get().dataSource()))
                .executeWithoutResult((status) -> {
                    JdbcClient jdbc = JdbcClient.create(SharedDatabase.get().dataSource());
                    jdbc.sql("select set_config('app.system', 'on', true)").query().listOfRows();
                    jdbc.sql(INSERT_KEY)
                            .param("id", id)
                            .param("orgId", orgId.value())
                            .param("prefix", "ak_" + id.toString().substring(0, 9))
                            .param("hash", hash)
                            .param("userId", UUID.randomUUID())
                            .param("createdAt", Columns.timestamp(now))
                            .update();
                });
        return new ApiKeyId(id);
    }
}
