/**
 * Example plugin: a memory journal. It follows memory-sync through a
 * {@link dev.trellis.memory.replica.MemoryReplica} and appends one entry per change it sees to a log
 * block. Private package; the plugin offers no service.
 */
package dev.trellis.example.journal;
