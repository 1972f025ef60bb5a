/**
 * Host messaging: plugins send messages to agents, groups and channels; channel bundles deliver
 * messages to the outside world. The host sets the author of every message from the calling bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.trellis.api.messaging;
