/**
 * Agents: definitions (one factory configuration each), the runtime that runs their turns, and the
 * events a turn emits. One agent runs one turn at a time; input arriving mid-turn is queued.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.trellis.api.agent;
