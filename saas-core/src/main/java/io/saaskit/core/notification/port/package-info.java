/**
 * Ports of the notification feature.
 */
@NullMarked
package io.saaskit.core.notification.port;

import org.jspecify.annotations.NullMarked;
