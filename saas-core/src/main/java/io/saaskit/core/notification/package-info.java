/**
 * Notifications to people (for example an organization's owners when a payment failed), sent through a
 * {@link io.saaskit.core.notification.port.NotificationSender} the host application chooses.
 */
@NullMarked
package io.saaskit.core.notification;

import org.jspecify.annotations.NullMarked;
