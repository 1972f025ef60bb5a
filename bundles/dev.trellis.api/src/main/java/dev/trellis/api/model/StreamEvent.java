package dev.trellis.api.model;

import java.util.Objects;

/**
 * One event of a streamed answer. A stream emits any number of deltas, tool-call triples and
 * {@link Usage} events, and ends with exactly one {@link Stop} (unless it fails). Tool calls are
 * announced by {@link ToolCallStart}, filled by {@link ToolCallDelta}s with the same {@code index},
 * and closed by {@link ToolCallEnd}; concatenating the fragments gives the arguments JSON.
 */
public sealed interface StreamEvent permits StreamEvent.TextDelta, StreamEvent.ThinkingDelta,
        StreamEvent.ToolCallStart, StreamEvent.ToolCallDelta, StreamEvent.ToolCallEnd, StreamEvent.Usage,
        StreamEvent.Stop {

    /** More answer text. */
    record TextDelta(String text) implements StreamEvent {
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** More reasoning text; {@code signature} arrives with the last delta of a block, if the provider signs. */
    record ThinkingDelta(String text, java.util.Optional<String> signature) implements StreamEvent {
        public ThinkingDelta {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** A tool call begins; {@code index} identifies it within this stream. */
    record ToolCallStart(int index, String callId, String name) implements StreamEvent {
        public ToolCallStart {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A fragment of the arguments JSON of call {@code index}. */
    record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {
        public ToolCallDelta {
            Objects.requireNonNull(argumentsFragment, "argumentsFragment");
        }
    }

    /** Call {@code index} is complete. */
    record ToolCallEnd(int index) implements StreamEvent {
    }

    /**
     * Token counts so far (providers may send several; the last one is the total).
     *
     * @param inputTokens         uncached input tokens
     * @param outputTokens        generated tokens, reasoning included
     * @param cacheReadTokens     input tokens served from the prompt cache
     * @param cacheCreationTokens input tokens written to the prompt cache
     */
    record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens)
            implements StreamEvent {
        public Usage {
            if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheCreationTokens < 0) {
                throw new IllegalArgumentException("token counts must be >= 0");
            }
        }

        /** Share of input served from cache: read / (read + input), 0 if there was no input. */
        public double cacheHitRatio() {
            long all = cacheReadTokens + inputTokens;
            return all == 0 ? 0.0 : (double) cacheReadTokens / all;
        }
    }

    /** The answer is complete. Always the last event of a successful stream. */
    record Stop(StopReason reason) implements StreamEvent {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
