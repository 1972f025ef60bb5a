/**
 * Read-only views of the memory host for admin surfaces (Web Console, shell): what an operator needs to see
 * that plugins must not depend on, such as the open memory-sync subscriptions of every bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.trellis.api.memory.admin;
