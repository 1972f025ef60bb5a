/**
 * Framework-free memory rules: what each {@link dev.trellis.api.memory.MemoryOp} does to a block's
 * content per schema, char limits, permissions, revision conflicts, undo/redo over history, prompt
 * rendering and change notices. No OSGi and no store here, so every rule is unit-testable.
 */
package dev.trellis.memory.internal.core;
