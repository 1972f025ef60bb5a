package dev.trellis.api.agent;

/** What an agent is doing. */
public enum AgentState {
    /** Waiting for input. */
    IDLE,
    /** Running a turn; new input is queued. */
    RUNNING,
    /** Its configuration is invalid or its model's provider is missing; input is queued. */
    UNAVAILABLE
}
