/**
 * Example plugin: a {@link dev.trellis.api.messaging.MessageChannel} backed by a directory. Messages
 * agents send to {@code channel:<name>} are written as files into {@code <directory>/outbox/}; text
 * files dropped into {@code <directory>/incoming/} are sent to an agent through
 * {@link dev.trellis.api.messaging.HostMessaging} and moved to {@code incoming/sent/} (or
 * {@code incoming/failed/} with the reason beside them). Nothing imports this bundle.
 */
package dev.trellis.example.inbox;
