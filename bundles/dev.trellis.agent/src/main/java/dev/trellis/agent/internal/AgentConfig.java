package dev.trellis.agent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The console form of an agent (factory PID {@code dev.trellis.agent}). The values are read by
 * {@link dev.trellis.agent.internal.config.SettingsParser} from the raw properties, which checks
 * them and names the file and key of a bad one; this annotation only describes them.
 */
@ObjectClassDefinition(name = "Trellis agent",
        description = "One agent: its model, system prompt, memory, tools and limits. A change applies from the"
                + " agent's next turn; deleting the configuration stops the agent after its current turn.")
@interface AgentConfig {

    @AttributeDefinition(name = "Name", required = false,
            description = "The agent id (lower-case letters, digits, '_' and '-'). Empty: the name of the configuration"
                    + " (the part after '~' of the PID, i.e. after the first '-' of the file name).")
    String name() default "";

    @AttributeDefinition(name = "Persona", required = false,
            description = "The persona whose global:<persona> scope holds the agent's own memory. Empty: the agent id.")
    String persona() default "";

    @AttributeDefinition(name = "Model", required = false,
            description = "provider/model, e.g. openai/gpt-5-codex. Empty: the runtime's default model, else the model"
                    + " gateway's default (scripted/echo on a fresh host).")
    String model() default "";

    @AttributeDefinition(name = "System prompt", required = false, description = "What the agent is told first.")
    String system_prompt() default "";

    @AttributeDefinition(name = "Initial blocks", required = false, cardinality = 100,
            description = "Text blocks created on first start if missing, one per entry: label[:core|:working][@persona|@project]=content"
                    + " (\\n in the content is a line break). Default tier working, default scope the project if any, else the persona.")
    String[] initial_blocks() default {};

    @AttributeDefinition(name = "Tools", required = false, cardinality = 100,
            description = "Names of the tools the agent may call; * allows every tool its capability classes admit.")
    String[] tools() default {"*"};

    @AttributeDefinition(name = "Capability classes", required = false, cardinality = 5,
            description = "What the agent's tools may do: observe, mutate_internal, mutate_external, coordinate, escape.")
    String[] capabilities() default {"observe", "mutate_internal", "coordinate"};

    @AttributeDefinition(name = "Isolation", required = false,
            description = "How persona and project memory mix inside the project.",
            options = {@Option(label = "none", value = "none"), @Option(label = "core-only", value = "core-only"),
                    @Option(label = "full", value = "full")})
    String isolation() default "none";

    @AttributeDefinition(name = "Project", required = false,
            description = "The project the agent works in (its local:<project> scope). Empty: none.")
    String project() default "";

    @AttributeDefinition(name = "Groups", required = false, cardinality = 100,
            description = "Groups the agent belongs to: messages to group:<id> reach every member.")
    String[] groups() default {};

    @AttributeDefinition(name = "Max model calls per turn", required = false, min = "1", max = "1000",
            description = "Guard against tool loops: a turn that still calls tools after this many model calls fails.")
    int max_model_calls() default 20;

    @AttributeDefinition(name = "Tool timeout (ms)", required = false, min = "1",
            description = "A tool call running longer is abandoned and answered with an error result.")
    long tool_timeout_ms() default 30000;

    @AttributeDefinition(name = "Max output tokens", required = false, min = "0",
            description = "Most tokens per model answer; 0: the provider's default.")
    int max_output_tokens() default 0;

    @AttributeDefinition(name = "Temperature", required = false,
            description = "Sampling temperature 0 to 2; empty: the provider's default.")
    String temperature() default "";

    @AttributeDefinition(name = "Full snapshot every", required = false, min = "1",
            description = "Turns between full memory snapshots; the turns between get delta snapshots.")
    int snapshot_full_every() default 10;

    @AttributeDefinition(name = "Compaction", required = false,
            description = "What to do when the history outgrows the context budget.",
            options = {@Option(label = "summarize (recursive summarisation through the model)", value = "summarize"),
                    @Option(label = "truncate (archive the oldest turns)", value = "truncate"),
                    @Option(label = "none", value = "none")})
    String compaction_strategy() default "summarize";

    @AttributeDefinition(name = "Context window (tokens)", required = false, min = "0",
            description = "The model's context window; 0: what the gateway reports for the model, else 128000.")
    int context_window_tokens() default 0;

    @AttributeDefinition(name = "Compaction reserve (tokens)", required = false, min = "0",
            description = "Headroom kept free for the answer: compaction runs when the estimated request exceeds"
                    + " the context window minus this.")
    int compaction_reserve_tokens() default 16384;

    @AttributeDefinition(name = "Compaction keeps (%)", required = false, min = "1", max = "99",
            description = "After compaction the history fills at most this share of the budget.")
    int compaction_keep_percent() default 50;

    @AttributeDefinition(name = "Compaction minimum messages", required = false, min = "1",
            description = "Compaction never runs on fewer active messages than this.")
    int compaction_min_messages() default 100;

    @AttributeDefinition(name = "Compaction maximum messages", required = false, min = "0",
            description = "More active messages than this are compacted whatever the budget (down to the keep share"
                    + " of this number); 0: no cap.")
    int compaction_max_messages() default 0;

    @AttributeDefinition(name = "Queue limit", required = false, min = "1",
            description = "Most inputs waiting for the agent; more are refused (QUEUE_FULL).")
    int queue_limit() default 1000;
}
