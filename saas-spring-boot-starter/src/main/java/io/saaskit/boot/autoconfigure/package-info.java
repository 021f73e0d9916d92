/**
 * Auto-configuration of saaskit: one bean per core port, each backing off when the application defines its own,
 * and the settings records bound from {@code saaskit.*} properties.
 */
@NullMarked
package io.saaskit.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
