package io.saaskit.adapters.jdbc;

import java.util.List;
import java.util.UUID;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.apikey.port.ApiKeyRepositoryContractTests;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.ApiKeyFixtures;
import io.saaskit.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class JdbcApiKeyRepositoryIT extends ApiKeyRepositoryContractTests {

    private final ApiKeyRepository apiKeys =
            new JdbcApiKeyRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final OrganizationRepository organizations =
            new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final JdbcClient admin = JdbcClient.create(SharedDatabase.get().admin());

    @Override
    protected ApiKeyRepository apiKeys() {
        return this.apiKeys;
    }

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }

    @Test
    void noColumnHoldsTheSecret() {
        Organization org = storedOrganization();
        String secret = ApiKeyFixtures.secret();
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, org.id());
        ApiKey withPrefix = ApiKey.create(key.id(), org.id(), key.name(), secret.substring(0, 12), key.keyHash(),
                key.pepperVersion(), key.createdByUserId(), key.createdAt(), null);
        this.apiKeys.insert(org.id(), withPrefix);

        String row = this.admin.sql("select api_key::text from api_key where id = :id")
                .param("id", key.id().value()).query(String.class).single();

        assertThat(row).contains(secret.substring(0, 12)).doesNotContain(secret.substring(12))
                .doesNotContain(secret);
    }

    @Test
    void deletingTheOrganizationDeletesItsKeys() {
        Organization org = storedOrganization();
        ApiKey key = storedKey(org);

        this.admin.sql("delete from organization where id = :id").param("id", org.id().value()).update();

        assertThat(this.admin.sql("select count(*) from api_key where id = :id").param("id", key.id().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void keyOfAnUnknownOrganizationIsRefusedByTheForeignKey() {
        Organization unsaved = Fixtures.organization(this.clock);
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, unsaved.id());

        assertThatException()
                .isThrownBy(() -> this.apiKeys.insert(unsaved.id(), key));
    }

    @Test
    void unscopedStatementsSeeNoKeysThanksToRowLevelSecurity() {
        storedKey(storedOrganization());
        JdbcClient application = JdbcClient.create(SharedDatabase.get().dataSource());

        List<UUID> visible = application.sql("select id from api_key").query(UUID.class).list();

        assertThat(visible).isEmpty();
    }
}
