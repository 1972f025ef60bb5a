package dev.trellis.api.tool;

/**
 * What a tool may do to the world, from least to most reach. Agents are granted a set of classes;
 * a tool whose class is not granted is not offered to the agent.
 */
public enum CapabilityClass {
    /** Reads state and changes nothing. */
    OBSERVE,
    /** Changes Trellis' own state (memory, tasks, skills). */
    MUTATE_INTERNAL,
    /** Changes state outside Trellis (files, remote systems). */
    MUTATE_EXTERNAL,
    /** Talks to other agents or plugins (messages, delegation). */
    COORDINATE,
    /** Leaves the sandbox (shell, network, arbitrary model calls). */
    ESCAPE
}
