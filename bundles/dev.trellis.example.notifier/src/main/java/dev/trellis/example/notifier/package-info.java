/**
 * Example plugin: a notifier that sends a configured message on a schedule through
 * {@link dev.trellis.api.messaging.HostMessaging}. One component per factory configuration
 * ({@code dev.trellis.example.notifier}); the host authors every message {@code plugin
 * dev.trellis.example.notifier}. Nothing imports this bundle.
 */
package dev.trellis.example.notifier;
