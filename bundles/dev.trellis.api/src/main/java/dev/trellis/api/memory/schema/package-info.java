/**
 * Schema owners: the hook through which the bundle that owns a block schema (tasks own
 * {@code task-list}) checks new content of that schema and keeps its derived index (rows, edges,
 * full text) inside the memory write's own store transaction, so block and index commit or roll back
 * together. Owners register {@link dev.trellis.api.memory.schema.SchemaOwner} services; the memory
 * bundle consults the one registered for a block's schema on every write of such a block.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.trellis.api.memory.schema;
