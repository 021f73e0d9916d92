package io.saaskit.adapters.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the catalog of a migrated database, so that a migration adding a tenant table without row-level security
 * fails the build: every table with an {@code org_id} column (and {@code organization} itself) must have row-level
 * security enabled and forced, a tenant policy keyed on {@code app.org_id} for the tenant role, and no policy that
 * admits rows on any other condition than that key or the explicit system marker.
 */
class RowLevelSecurityCatalogIT {

    /**
     * Tables that carry an {@code org_id} but are deliberately global. Adding one needs a reason here, for example a
     * webhook inbox whose rows exist before their organization is known.
     */
    private static final Set<String> GLOBAL_TABLES_WITH_ORG_ID = Set.of();

    private static final String TENANT_TABLES = """
            select c.relname
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p')
               and n.nspname = current_schema()
               and (c.relname = 'organization'
                    or exists (select from pg_attribute a
                                where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped))
             order by c.relname
            """;

    private static final String UNPROTECTED_TABLES = """
            select c.relname
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = current_schema()
               and c.relname in (:tables)
               and not (c.relrowsecurity and c.relforcerowsecurity)
            """;

    private static final String TABLES_WITH_TENANT_POLICY = """
            select c.relname, pg_get_expr(p.polqual, p.polrelid) as qual,
                   pg_get_expr(p.polwithcheck, p.polrelid) as with_check
              from pg_policy p
              join pg_class c on c.oid = p.polrelid
              join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = current_schema()
               and c.relname in (:tables)
               and p.polcmd = '*'
               and p.polroles = array[(select oid from pg_roles where rolname = 'saaskit_tenant')]
            """;

    private static final String POLICIES_ON_OTHER_CONDITIONS = """
            select c.relname || '.' || p.polname
              from pg_policy p
              join pg_class c on c.oid = p.polrelid
              join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = current_schema()
               and c.relname in (:tables)
               and not (p.polroles = array[(select oid from pg_roles where rolname = 'saaskit_tenant')]
                        and pg_get_expr(p.polqual, p.polrelid) like '%current_setting(''app.org_id''%'
                        and pg_get_expr(p.polwithcheck, p.polrelid) like '%current_setting(''app.org_id''%')
               and not ((select oid from pg_roles where rolname = 'saaskit_tenant') <> all (p.polroles)
                        and 0 <> all (p.polroles)
                        and pg_get_expr(p.polqual, p.polrelid) = '(current_setting(''app.system''::text, true) = ''on''::text)'
                        and pg_get_expr(p.polwithcheck, p.polrelid) = pg_get_expr(p.polqual, p.polrelid))
            """;

    private static final String TENANT_ROLE = """
            select rolsuper, rolbypassrls, rolcanlogin, rolcreaterole, rolcreatedb, rolinherit
              from pg_roles where rolname = 'saaskit_tenant'
            """;

    private static final String OWNED_BY_TENANT_ROLE = """
            with tenant as (select oid from pg_roles where rolname = 'saaskit_tenant')
            select (select count(*) from pg_class where relowner = (select oid from tenant))
                 + (select count(*) from pg_namespace where nspowner = (select oid from tenant))
                 + (select count(*) from pg_proc where proowner = (select oid from tenant))
                 + (select count(*) from pg_type where typowner = (select oid from tenant))
                 + (select count(*) from pg_database where datdba = (select oid from tenant))
                 + (select count(*) from pg_auth_members where member = (select oid from tenant))
            """;

    private static final String TABLES_THE_TENANT_ROLE_CANNOT_USE = """
            select c.relname
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p')
               and n.nspname = current_schema()
               and c.relname <> 'saaskit_schema_history'
               and not (has_table_privilege('saaskit_tenant', c.oid, 'SELECT')
                        and has_table_privilege('saaskit_tenant', c.oid, 'INSERT')
                        and has_table_privilege('saaskit_tenant', c.oid, 'UPDATE')
                        and has_table_privilege('saaskit_tenant', c.oid, 'DELETE'))
            """;

    private final JdbcClient admin = JdbcClient.create(SharedDatabase.get().admin());

    @Test
    void everyTenantTableHasForcedRowLevelSecurity() {
        List<String> tenantTables = tenantTables();

        assertThat(tenantTables).contains("organization", "membership");
        assertThat(this.admin.sql(UNPROTECTED_TABLES).param("tables", tenantTables).query(String.class).list())
                .as("tenant tables without ENABLE and FORCE ROW LEVEL SECURITY").isEmpty();
    }

    @Test
    void everyTenantTableHasATenantPolicyOnItsOrganizationKey() {
        List<String> tenantTables = tenantTables();
        List<Map<String, Object>> policies = this.admin.sql(TABLES_WITH_TENANT_POLICY)
                .param("tables", tenantTables).query().listOfRows();

        assertThat(policies).extracting((row) -> row.get("relname")).containsExactlyInAnyOrderElementsOf(tenantTables);
        for (Map<String, Object> policy : policies) {
            String key = "organization".equals(policy.get("relname")) ? "(id = " : "(org_id = ";
            String expected = key + "(NULLIF(current_setting('app.org_id'::text, true), ''::text))::uuid)";
            assertThat(policy.get("qual")).as("USING of %s", policy.get("relname")).isEqualTo(expected);
            assertThat(policy.get("with_check")).as("WITH CHECK of %s", policy.get("relname")).isEqualTo(expected);
        }
    }

    @Test
    void noTenantTableHasAPolicyOnAnyOtherCondition() {
        assertThat(this.admin.sql(POLICIES_ON_OTHER_CONDITIONS).param("tables", tenantTables())
                .query(String.class).list()).isEmpty();
    }

    @Test
    void tenantRoleMayUseEverySaaskitTable() {
        // a tenant transaction that goes on to write a global table (a registration's session) runs as that role
        assertThat(this.admin.sql(TABLES_THE_TENANT_ROLE_CANNOT_USE).query(String.class).list()).isEmpty();
    }

    @Test
    void tenantRoleIsAnUnprivilegedRoleThatOwnsNothing() {
        Map<String, Object> role = this.admin.sql(TENANT_ROLE).query().singleRow();

        assertThat(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false)
                .containsEntry("rolcanlogin", false).containsEntry("rolcreaterole", false)
                .containsEntry("rolcreatedb", false);
        assertThat(this.admin.sql(OWNED_BY_TENANT_ROLE).query(Long.class).single()).isZero();
    }

    @Test
    void applicationRoleIsNeitherSuperuserNorBypassesRowLevelSecurity() {
        Map<String, Object> role = this.admin.sql("select rolsuper, rolbypassrls from pg_roles where rolname = :name")
                .param("name", SharedDatabase.get().role()).query().singleRow();

        assertThat(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false);
    }

    private List<String> tenantTables() {
        return this.admin.sql(TENANT_TABLES).query(String.class).list().stream()
                .filter((table) -> !GLOBAL_TABLES_WITH_ORG_ID.contains(table))
                .toList();
    }
}
