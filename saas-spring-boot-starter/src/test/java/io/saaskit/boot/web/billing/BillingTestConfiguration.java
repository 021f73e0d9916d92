package io.saaskit.boot.web.billing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.adapters.jdbc.JdbcStripeEventInbox;
import io.saaskit.boot.web.testing.RecordingJobQueue;
import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxInsert;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.notification.Notification;
import io.saaskit.core.notification.port.NotificationSender;
import io.saaskit.core.testing.ForwardingStripeEventInbox;

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
    static final class SwitchableInbox extends ForwardingStripeEventInbox {

        private volatile boolean down;

        SwitchableInbox(StripeEventInbox delegate) {
            super(delegate);
        }

        void down(boolean down) {
            this.down = down;
        }

        @Override
        public InboxInsert insert(InboxEvent event) {
            requireUp();
            return super.insert(event);
        }

        @Override
        public List<InboxInsert> insertAll(List<InboxEvent> events) {
            requireUp();
            return super.insertAll(events);
        }

        private void requireUp() {
            if (this.down) {
                throw new CannotGetJdbcConnectionException("Connection refused (test)");
            }
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
