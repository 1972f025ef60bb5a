/** Host messaging: the router, the bundle-scoped HostMessaging and the send_message tool. */
package dev.trellis.messaging.internal;
