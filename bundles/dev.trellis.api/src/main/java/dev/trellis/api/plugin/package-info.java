/**
 * Plugin identity. A plugin is an OSGi bundle; its {@link dev.trellis.api.plugin.PluginId} is its
 * bundle symbolic name, which the host reads from the calling bundle itself (bundle-scoped
 * services), so a plugin can never claim another plugin's identity.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.trellis.api.plugin;
