/**
 * Memory-sync delivery: a hub that fans committed changes out to subscriptions, each with its own
 * bounded queue drained by its own virtual thread; overflow turns into a resync, never a stall of
 * writers.
 */
package dev.trellis.memory.internal.sync;
