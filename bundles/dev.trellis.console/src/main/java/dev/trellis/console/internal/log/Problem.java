package dev.trellis.console.internal.log;

import java.time.Instant;

/**
 * One log entry as shown to people: on stdout and in the "Recent problems" list of the Trellis page.
 *
 * @param time      when it was logged
 * @param level     OSGi log level name (ERROR, WARN, INFO, ...)
 * @param bundle    symbolic name of the bundle that logged it, or "-" when unknown
 * @param message   the message
 * @param exception first line of the exception ({@code Class: message}), or null
 * @param cause     first line of its root cause when that is another exception, or null
 */
public record Problem(Instant time, String level, String bundle, String message, String exception, String cause) {
}
