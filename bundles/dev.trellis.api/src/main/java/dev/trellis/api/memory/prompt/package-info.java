/**
 * How memory is shown to models: the {@code [memory:current_state]} snapshot with one
 * {@code <block:label ...>} element per block, and the {@code [memory:written|updated|deleted]}
 * change notices. Offered by the memory bundle so every composer renders blocks the same way.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.trellis.api.memory.prompt;
