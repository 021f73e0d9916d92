/**
 * Tomcat integration: problem+json for the errors Tomcat answers itself, before any filter or servlet runs.
 */
@NullMarked
package io.saaskit.boot.web.tomcat;

import org.jspecify.annotations.NullMarked;
