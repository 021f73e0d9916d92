package io.saaskit.boot.notification;

import io.saaskit.core.notification.Notification;
import io.saaskit.core.notification.port.NotificationSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NotificationSender} that writes each notification as one log line (kind, organization, recipients and
 * details), the default until an application defines a sender that emails or chats.
 */
public final class LoggingNotificationSender implements NotificationSender {

    private static final Logger logger = LoggerFactory.getLogger(LoggingNotificationSender.class);

    @Override
    public void send(Notification notification) {
        logger.info("Notification {} for organization {} to {}: {}", notification.kind(), notification.orgId(),
                notification.recipients(), notification.details());
    }
}
