package io.saaskit.example.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlTests {

    @Test
    void postgresUrlBecomesJdbcUrlWithCredentialsMovedOut() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:secret@db.example.com:5433/saas");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/saas");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("secret");
    }

    @Test
    void postgresqlSchemeIsAcceptedToo() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:secret@localhost/saas");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/saas");
        assertThat(url.username()).isEqualTo("app");
    }

    @Test
    void schemeIsCaseInsensitiveAndSurroundingBlanksAreIgnored() {
        DatabaseUrl url = DatabaseUrl.parse("  POSTGRES://app@localhost:5432/saas \n");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/saas");
    }

    @Test
    void queryParametersSuchAsSslModeAreKept() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:pw@host:5432/db?sslmode=require&application_name=saas");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db?sslmode=require&application_name=saas");
    }

    @Test
    void userAndPasswordArePercentDecoded() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://us%40er:p%40ss%3Aw%2Frd%20x@host:5432/db");

        assertThat(url.username()).isEqualTo("us@er");
        assertThat(url.password()).isEqualTo("p@ss:w/rd x");
    }

    @Test
    void plusSignInPasswordStaysAPlusSign() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:a+b@host/db");

        assertThat(url.password()).isEqualTo("a+b");
    }

    @Test
    void unencodedAtSignInPasswordIsToleratedBecauseTheLastAtSeparatesTheHost() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p@ss@host:5432/db");

        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
    }

    @Test
    void userWithoutPasswordLeavesPasswordUnset() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://postgres@127.0.0.1:5432/saaskit");

        assertThat(url.username()).isEqualTo("postgres");
        assertThat(url.password()).isNull();
    }

    @Test
    void emptyPasswordIsKeptAsEmpty() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://postgres:@127.0.0.1/saaskit");

        assertThat(url.password()).isEmpty();
    }

    @Test
    void urlWithoutUserInfoLeavesCredentialsToTheDriver() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://host/db?user=app&password=secret");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host/db?user=app&password=secret");
        assertThat(url.username()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void queryWithoutDatabasePathIsKept() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app@host:5432?sslmode=disable");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/?sslmode=disable");
    }

    @Test
    void multipleHostsAndIpv6LiteralsPassThrough() {
        assertThat(DatabaseUrl.parse("postgres://app@h1:5432,h2:5433/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
        assertThat(DatabaseUrl.parse("postgres://app@[::1]:5432/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void hostNamesWithUnderscoresAreAccepted() {
        assertThat(DatabaseUrl.parse("postgres://app@my_db:5432/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://my_db:5432/db");
    }

    @Test
    void jdbcUrlIsUsedUnchanged() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&sslmode=disable");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&sslmode=disable");
        assertThat(url.username()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void otherSchemesAreRejectedWithoutRepeatingTheUrl() {
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@host/db"))
                .withMessageContaining("postgres://")
                .withMessageNotContaining("hunter2");
    }

    @Test
    void urlWithoutHostIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("postgres://app:hunter2@/db"))
                .withMessageContaining("no host")
                .withMessageNotContaining("hunter2");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(DatabaseUrl.parse("postgres://app:hunter2@host/db"))
                .hasToString("DatabaseUrl[jdbcUrl=jdbc:postgresql://host/db, username=app, password=******]");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://host/db?user=app&password=hunter2&ssl=true").toString())
                .doesNotContain("hunter2")
                .contains("ssl=true");
    }
}
