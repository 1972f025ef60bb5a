/** Playing a script (or the echo) as a stream of events on its own virtual thread. */
package dev.trellis.provider.scripted.internal.play;
