package io.saaskit.core.notification.port;

import io.saaskit.core.notification.Notification;

/**
 * Delivers notifications (by email, chat, or just a log line). Delivery is best effort: a sender that cannot
 * deliver should report it its own way rather than fail the work that triggered the notification.
 */
public interface NotificationSender {

    /**
     * Sends a notification.
     * @param notification the notification
     */
    void send(Notification notification);
}
