/**
 * Memory-sync: how a plugin keeps its own copy of some blocks. A subscription first delivers a
 * snapshot of every matching block, then {@code Ready}, then live changes, each tagged with its
 * origin. A subscriber that falls behind is told to resync, never left silently stale. Writes go
 * through {@link dev.trellis.api.memory.MemoryService}; this package only observes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.trellis.api.memory.sync;
