package dev.trellis.agent.internal.config;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.model.GenerationParams;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Everything one agent's turns need from its configuration: the public definition plus the limits of
 * the turn loop. Immutable; a changed configuration gives a new instance that the next turn uses.
 *
 * @param definition        what the agent is (model already resolved to the default if none was named)
 * @param modelNamed        true if the configuration named the model (false: the runtime default)
 * @param maxModelCalls     most model calls in one turn (tool-loop guard)
 * @param toolTimeout       longest a tool call may run
 * @param maxOutputTokens   most tokens per answer, if set
 * @param temperature       sampling temperature, if set
 * @param snapshotFullEvery turns between full memory snapshots
 * @param compaction        what to do when the history outgrows the budget
 * @param queueLimit        most waiting inputs
 */
public record AgentSettings(AgentDefinition definition, boolean modelNamed, int maxModelCalls, Duration toolTimeout,
        OptionalInt maxOutputTokens, OptionalDouble temperature, int snapshotFullEvery, Compaction compaction,
        int queueLimit) {

    public AgentSettings {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(toolTimeout, "toolTimeout");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(compaction, "compaction");
        if (maxModelCalls < 1 || snapshotFullEvery < 1 || queueLimit < 1 || toolTimeout.isNegative() || toolTimeout.isZero()) {
            throw new IllegalArgumentException("agent " + definition.id() + ": limits must be positive");
        }
    }

    /** Generation settings of every model call. */
    public GenerationParams params() {
        return new GenerationParams(maxOutputTokens, temperature, List.of());
    }

    /** The same settings with another definition (e.g. the default model changed). */
    public AgentSettings with(AgentDefinition other) {
        return new AgentSettings(other, modelNamed, maxModelCalls, toolTimeout, maxOutputTokens, temperature,
                snapshotFullEvery, compaction, queueLimit);
    }

    /** How history is compacted. */
    public enum Strategy {
        /** Archive the oldest turns and put a summary made by the model in their place (recursively). */
        SUMMARIZE("summarize"),
        /** Archive the oldest turns. */
        TRUNCATE("truncate"),
        /** Never compact. */
        NONE("none");

        private final String id;

        Strategy(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Optional<Strategy> parse(String text) {
            for (Strategy s : values()) {
                if (s.id.equals(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param strategy            what to do
     * @param contextWindowTokens the model's window, 0 = ask the gateway (else 128000)
     * @param reserveTokens       headroom for the answer
     * @param keepPercent         share of the budget the history may fill after compaction
     * @param minMessages         fewer active messages never compact
     * @param maxMessages         more active messages than this compact whatever their size (0 = no cap)
     */
    public record Compaction(Strategy strategy, int contextWindowTokens, int reserveTokens, int keepPercent,
            int minMessages, int maxMessages) {
        public Compaction {
            Objects.requireNonNull(strategy, "strategy");
            if (contextWindowTokens < 0 || reserveTokens < 0 || keepPercent < 1 || keepPercent > 99 || minMessages < 1
                    || maxMessages < 0) {
                throw new IllegalArgumentException("compaction limits out of range");
            }
        }

        /** Defaults of the configuration form. */
        public static final Compaction DEFAULT = new Compaction(Strategy.SUMMARIZE, 0, 16384, 50, 100, 0);
    }
}
