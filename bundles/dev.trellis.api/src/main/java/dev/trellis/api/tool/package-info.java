/**
 * Tools that agents can call. Any bundle may register a {@link dev.trellis.api.tool.Tool} service
 * (the tool whiteboard); agents whose allow-list and capability classes admit it see it from their
 * next turn on, and it leaves when the service goes away.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.trellis.api.tool;
