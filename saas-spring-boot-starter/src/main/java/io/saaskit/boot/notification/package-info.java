/**
 * The default notification sender, which writes notifications to the log.
 */
@NullMarked
package io.saaskit.boot.notification;

import org.jspecify.annotations.NullMarked;
