package io.saaskit.boot.web.usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.core.metering.UsageJournal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metering scenario of {@link MeteringIT} again with the local usage journal on
 * ({@code saaskit.metering.journal.directory}): the same answers, the same usage, failed calls not counted; the
 * events reach PostgreSQL through the journal's shipper, and a usage read on the instance waits for them.
 */
class JournalMeteringIT extends MeteringIT {

    private static Path directory;

    @BeforeAll
    static void start() {
        try {
            directory = Files.createTempDirectory("saaskit-journal-it");
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
        startApp("saaskit.metering.journal.directory=" + directory);
    }

    @Override
    long storedEvents(String orgId) {
        assertThat(app.bean(UsageJournal.class).flush()).isTrue();
        return UsageRows.events(app, orgId);
    }

    @Test
    void meteredCallsGoThroughTheJournalAndAUsageReadSeesThemAtOnce() {
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);
        UsageJournal journal = app.bean(UsageJournal.class);

        for (int i = 0; i < 5; i++) {
            assertThat(key.data(app).status()).isEqualTo(200);
        }
        Reply summary = app.http().get("/usage/summary").bearer(owner.token()).org(owner.orgId()).send();

        assertThat(summary.json().get("used").longValue()).isEqualTo(5);
        assertThat(journal.backlog()).isZero();
        assertThat(UsageRows.events(app, owner.orgId())).isEqualTo(5);
        try (var instances = Files.list(directory)) {
            assertThat(instances.filter(Files::isDirectory).count()).isEqualTo(1);
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
