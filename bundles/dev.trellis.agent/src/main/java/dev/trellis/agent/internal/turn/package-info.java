/** One agent's turns: queue, compose, model call, tool dispatch, compaction, persistence, events. */
package dev.trellis.agent.internal.turn;
