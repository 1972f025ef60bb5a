/**
 * Structured memory: blocks addressed by {@code (scope, label)}, written by operations, each
 * committed operation raising the block's revision by one. {@link dev.trellis.api.memory.MemoryService}
 * is the entry point; it is bundle-scoped, so the host knows which plugin writes. Errors are
 * {@link dev.trellis.api.memory.MemoryException}s carrying a sealed
 * {@link dev.trellis.api.memory.MemoryError}; a missing block on read is an empty result, not an error.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.trellis.api.memory;
