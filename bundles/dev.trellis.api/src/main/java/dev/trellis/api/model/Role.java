package dev.trellis.api.model;

/** Who speaks in a {@link ChatMessage}. The system prompt is not a message: see {@link ChatRequest#system()}. */
public enum Role {
    USER, ASSISTANT,
    /** Tool results sent back to the model. */
    TOOL
}
