/**
 * DS components of the memory bundle: the singleton {@link dev.trellis.memory.internal.MemoryEngine}
 * (store transactions, rules, event publishing) and the bundle-scoped {@code MemoryService} and
 * {@code MemorySync} façades that stamp each caller's bundle as author and origin.
 */
package dev.trellis.memory.internal;
