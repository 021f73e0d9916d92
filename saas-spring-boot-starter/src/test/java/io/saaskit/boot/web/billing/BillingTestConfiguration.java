package io.saaskit.boot.web.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.adapters.jdbc.JdbcStripeEventInbox;
import io.saaskit.boot.web.testing.RecordingJobQueue;
import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxInsert;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.notification.Notification;
import io.saaskit.core.notification.port.NotificationSender;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Test seams for billing: the PostgreSQL inbox behind a switch that makes writes fail as a lost database would,
 * a notification sender that records what it was asked to send, and a job queue that records the jobs (in place of
 * the PostgreSQL queue) so the tests run them through the handlers themselves.
 */
@Configuration(proxyBeanMethods = false)
class BillingTestConfiguration {

    @Bean
    SwitchableInbox testStripeEventInbox(DataSource dataSource) {
        return new SwitchableInbox(new JdbcStripeEventInbox(dataSource, JdbcSettings.defaults()));
    }

    /** A queue the tests can inspect, drain and take down, in place of the PostgreSQL queue. */
    @Bean
    @Primary
    RecordingJobQueue testJobQueue() {
        return new RecordingJobQueue();
    }

    @Bean
    RecordingNotifications testNotificationSender() {
        return new RecordingNotifications();
    }

    /** The PostgreSQL inbox, whose inserts fail while {@link #down} is set. */
    static final class SwitchableInbox implements StripeEventInbox {

        private final StripeEventInbox delegate;

        private volatile boolean down;

        SwitchableInbox(StripeEventInbox delegate) {
            this.delegate = delegate;
        }

        void down(boolean down) {
            this.down = down;
        }

        @Override
        public InboxInsert insert(InboxEvent event) {
            if (this.down) {
                throw new CannotGetJdbcConnectionException("Connection refused (test)");
            }
            return this.delegate.insert(event);
        }

        @Override
        public Optional<InboxEvent> find(UUID id) {
            return this.delegate.find(id);
        }

        @Override
        public Optional<InboxEvent> findByStripeEventId(String stripeEventId) {
            return this.delegate.findByStripeEventId(stripeEventId);
        }

        @Override
        public Optional<InboxEvent> claim(UUID id, Instant now, Instant lockedUntil) {
            return this.delegate.claim(id, now, lockedUntil);
        }

        @Override
        public void complete(UUID id, InboxState state, @Nullable OrgId orgId, Instant now) {
            this.delegate.complete(id, state, orgId, now);
        }

        @Override
        public void fail(UUID id, int attempts, InboxState state, String error, @Nullable Instant nextAttemptAt,
                @Nullable OrgId orgId) {
            this.delegate.fail(id, attempts, state, error, nextAttemptAt, orgId);
        }

        @Override
        public InboxSummary summary(OrgId orgId) {
            return this.delegate.summary(orgId);
        }

        @Override
        public boolean rearm(UUID id, @Nullable String requestId, Instant now) {
            return this.delegate.rearm(id, requestId, now);
        }

        @Override
        public List<UUID> dispatchable(Instant now, Instant receivedBefore, int limit) {
            return this.delegate.dispatchable(now, receivedBefore, limit);
        }

        @Override
        public List<InboxEvent> list(@Nullable InboxState state, int limit) {
            return this.delegate.list(state, limit);
        }

        @Override
        public int purge(Instant before, int limit) {
            return this.delegate.purge(before, limit);
        }
    }

    /** Records notifications instead of sending them. */
    static final class RecordingNotifications implements NotificationSender {

        private final List<Notification> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(Notification notification) {
            this.sent.add(notification);
        }

        List<Notification> sent() {
            return List.copyOf(this.sent);
        }
    }
}
