package io.saaskit.core.metering;

import java.util.Objects;

import io.saaskit.core.shared.ServiceUnavailableException;

/**
 * Records the events of metered routes in a {@link UsageJournal} (durable against an application crash when the
 * call returns, in the store moments later) and every other event, such as a client's event with an
 * Idempotency-Key, through group commit, since its answer depends on the keys already in the store.
 *
 * <p>Only events without a payload hash go to the journal: those are the route events, whose {@code auto:<id>} key
 * is unique by construction, so they are always recorded.
 */
public final class JournalingUsageRecorder implements UsageRecorder {

    private final UsageJournal journal;

    private final GroupCommitRecorder commits;

    /**
     * Creates the recorder.
     * @param journal where route events go
     * @param commits where every other event goes
     */
    public JournalingUsageRecorder(UsageJournal journal, GroupCommitRecorder commits) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.commits = Objects.requireNonNull(commits, "commits");
    }

    @Override
    public boolean record(UsageEvent event) {
        if (event.payloadHash() != null) {
            return this.commits.record(event);
        }
        this.journal.append(event);
        return true;
    }

    @Override
    public void awaitStored() {
        if (!this.journal.flush()) {
            throw new ServiceUnavailableException(null);
        }
    }
}
