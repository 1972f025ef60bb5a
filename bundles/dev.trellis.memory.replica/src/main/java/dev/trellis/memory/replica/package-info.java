/**
 * A plugin-side local copy of memory blocks. {@link dev.trellis.memory.replica.MemoryReplica} subscribes
 * through the plugin's own {@link dev.trellis.api.memory.sync.MemorySync}, keeps every matching block by
 * address, serves reads locally and sends writes through the plugin's
 * {@link dev.trellis.api.memory.MemoryService}. Plugin code can follow changes with a
 * {@link dev.trellis.memory.replica.ReplicaListener}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.trellis.memory.replica;
