package dev.trellis.agent.internal.config;

import dev.trellis.agent.internal.config.AgentSettings.Compaction;
import dev.trellis.agent.internal.config.AgentSettings.Strategy;
import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.messaging.Recipient;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.ToolDescriptor;
import java.lang.reflect.Array;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns an agent's configuration properties into {@link AgentSettings}. Values may come typed (a
 * {@code .config} file, the console form) or as text (a {@code .cfg} file: a list is then one
 * comma-separated string). Every problem is collected and reported with where the configuration came
 * from and the key, e.g. {@code runtime-config/dev.trellis.agent-ada.config (pid dev.trellis.agent~ada),
 * key 'isolation': unknown isolation policy 'partial' (expected none, core-only or full)}.
 */
public final class SettingsParser {

    /** Property File Install sets to the URL of the file a configuration came from. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private SettingsParser() {
    }

    /** The outcome: settings, or the agent (if its id is known) with every problem found. */
    public sealed interface Result permits Valid, Invalid {
        /** Where the configuration came from, for messages. */
        String source();
    }

    public record Valid(String source, AgentSettings settings) implements Result {
    }

    /**
     * @param id       the agent id, if the configuration names a valid one
     * @param problems one sentence per bad key
     */
    public record Invalid(String source, Optional<AgentId> id, List<String> problems) implements Result {
        public String message() {
            return source + ": " + String.join("; ", problems);
        }
    }

    public static Result parse(String pid, Map<String, ?> props, ModelId defaultModel) {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(props, "props");
        Objects.requireNonNull(defaultModel, "defaultModel");
        Reader r = new Reader(props);
        String source = source(pid, props);

        Optional<AgentId> id = r.id(pid);
        String persona = r.text("persona").filter(s -> !s.isBlank()).orElse(id.map(AgentId::value).orElse("x"));
        Optional<Scope.Global> personaScope = r.check("persona", () -> new Scope.Global(persona));
        Optional<String> project = r.text("project").map(String::strip).filter(s -> !s.isEmpty());
        Optional<Scope.Local> projectScope = project.flatMap(p -> r.check("project", () -> new Scope.Local(p)));

        Optional<String> modelText = r.text("model").map(String::strip).filter(s -> !s.isEmpty());
        ModelId model = modelText.flatMap(m -> r.check("model", () -> ModelId.parse(m))).orElse(defaultModel);
        String systemPrompt = r.text("system.prompt").orElse("");

        List<BlockCreate> blocks = new ArrayList<>();
        if (personaScope.isPresent()) {
            for (String entry : r.list("initial.blocks", false)) {
                r.check("initial.blocks", () -> InitialBlocks.parse(entry, personaScope.get(),
                        project.isPresent() ? projectScope : Optional.empty())).ifPresent(blocks::add);
            }
        }
        Set<String> tools = new LinkedHashSet<>();
        for (String t : r.list("tools", true, List.of(AgentDefinition.ALL_TOOLS))) {
            if (!t.equals(AgentDefinition.ALL_TOOLS) && !t.matches(ToolDescriptor.NAME_PATTERN)) {
                r.problem("tools", "'" + t + "' is not a tool name (" + ToolDescriptor.NAME_PATTERN + ") or *");
            } else {
                tools.add(t);
            }
        }
        Set<CapabilityClass> capabilities = EnumSet.noneOf(CapabilityClass.class);
        for (String c : r.list("capabilities", true, List.of("observe", "mutate_internal", "coordinate"))) {
            r.check("capabilities", () -> capability(c)).ifPresent(capabilities::add);
        }
        IsolationPolicy isolation = r.text("isolation").map(String::strip).filter(s -> !s.isEmpty())
                .flatMap(s -> r.check("isolation", () -> IsolationPolicy.parse(s))).orElse(IsolationPolicy.NONE);
        Set<String> groups = new LinkedHashSet<>();
        for (String g : r.list("groups", true)) {
            r.check("groups", () -> new Recipient.Group(g)).ifPresent(x -> groups.add(g));
        }

        int maxModelCalls = r.integer("max.model.calls", 20, 1, 1000);
        long toolTimeoutMs = r.longValue("tool.timeout.ms", 30_000, 1, Long.MAX_VALUE);
        int maxOutput = r.integer("max.output.tokens", 0, 0, Integer.MAX_VALUE);
        OptionalDouble temperature = r.text("temperature").map(String::strip).filter(s -> !s.isEmpty())
                .flatMap(t -> r.check("temperature", () -> temperature(t))).map(OptionalDouble::of).orElse(OptionalDouble.empty());
        int fullEvery = r.integer("snapshot.full.every", 10, 1, Integer.MAX_VALUE);
        Strategy strategy = r.text("compaction.strategy").map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .flatMap(s -> {
                    Optional<Strategy> parsed = Strategy.parse(s);
                    if (parsed.isEmpty()) {
                        r.problem("compaction.strategy", "unknown strategy '" + s + "' (expected summarize, truncate or none)");
                    }
                    return parsed;
                }).orElse(Strategy.SUMMARIZE);
        Compaction compaction = new Compaction(strategy,
                r.integer("context.window.tokens", 0, 0, Integer.MAX_VALUE),
                r.integer("compaction.reserve.tokens", 16384, 0, Integer.MAX_VALUE),
                r.integer("compaction.keep.percent", 50, 1, 99),
                r.integer("compaction.min.messages", 100, 1, Integer.MAX_VALUE),
                r.integer("compaction.max.messages", 0, 0, Integer.MAX_VALUE));
        int queueLimit = r.integer("queue.limit", 1000, 1, Integer.MAX_VALUE);

        if (id.isEmpty() || personaScope.isEmpty() || !r.problems.isEmpty()) {
            return new Invalid(source, id, List.copyOf(r.problems));
        }
        AgentDefinition definition = new AgentDefinition(id.get(), persona, model, systemPrompt, blocks, tools, capabilities,
                isolation, project, groups);
        return new Valid(source, new AgentSettings(definition, modelText.isPresent(), maxModelCalls,
                Duration.ofMillis(toolTimeoutMs), maxOutput == 0 ? OptionalInt.empty() : OptionalInt.of(maxOutput),
                temperature, fullEvery, compaction, queueLimit));
    }

    /** {@code runtime-config/<file> (pid <pid>)} for File Install files, else {@code configuration <pid>}. */
    static String source(String pid, Map<String, ?> props) {
        Object file = props.get(FILE_PROPERTY);
        if (file != null) {
            String text = file.toString();
            try {
                Path p = text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
                Path parent = p.getParent();
                String shown = parent == null ? p.toString() : parent.getFileName() + "/" + p.getFileName();
                return shown + " (pid " + pid + ")";
            } catch (RuntimeException e) {
                return text + " (pid " + pid + ")";
            }
        }
        return "configuration " + pid;
    }

    private static CapabilityClass capability(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CapabilityClass c : CapabilityClass.values()) {
            if (c.name().equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown capability class '" + text
                + "' (expected observe, mutate_internal, mutate_external, coordinate or escape)");
    }

    private static double temperature(String text) {
        double t;
        try {
            t = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        if (!(t >= 0.0 && t <= 2.0)) {
            throw new IllegalArgumentException(text + " is not in [0, 2]");
        }
        return t;
    }

    /** Typed access to the properties; every bad value becomes one problem naming its key. */
    private static final class Reader {
        final Map<String, ?> props;
        final List<String> problems = new ArrayList<>();

        Reader(Map<String, ?> props) {
            this.props = props;
        }

        void problem(String key, String what) {
            problems.add("key '" + key + "': " + what);
        }

        <T> Optional<T> check(String key, java.util.function.Supplier<T> parse) {
            try {
                return Optional.of(parse.get());
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return Optional.empty();
            }
        }

        Optional<AgentId> id(String pid) {
            Optional<String> name = text("name").map(String::strip).filter(s -> !s.isEmpty());
            if (name.isPresent()) {
                return check("name", () -> AgentId.of(name.get()));
            }
            int tilde = pid.indexOf('~');
            if (tilde < 0) {
                problem("name", "missing: the configuration " + pid + " has no name after '~', so set 'name' to the agent id");
                return Optional.empty();
            }
            String fromPid = pid.substring(tilde + 1);
            return check("name", () -> AgentId.of(fromPid));
        }

        Optional<String> text(String key) {
            Object v = props.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (v instanceof String s) {
                return Optional.of(s);
            }
            if (v.getClass().isArray() && Array.getLength(v) == 1 && Array.get(v, 0) instanceof String s) {
                return Optional.of(s);
            }
            problem(key, "must be text, is " + describe(v));
            return Optional.empty();
        }

        List<String> list(String key, boolean splitCommas) {
            return list(key, splitCommas, List.of());
        }

        /** A String[], a collection, or one string (split at commas if {@code splitCommas}); blanks dropped. */
        List<String> list(String key, boolean splitCommas, List<String> absent) {
            Object v = props.get(key);
            if (v == null) {
                return absent;
            }
            List<String> raw = new ArrayList<>();
            if (v instanceof String s) {
                raw.addAll(splitCommas ? List.of(s.split(",")) : List.of(s));
            } else if (v.getClass().isArray()) {
                for (int i = 0; i < Array.getLength(v); i++) {
                    raw.add(String.valueOf(Array.get(v, i)));
                }
            } else if (v instanceof Collection<?> c) {
                c.forEach(x -> raw.add(String.valueOf(x)));
            } else {
                problem(key, "must be a list of text, is " + describe(v));
                return absent;
            }
            return raw.stream().map(s -> splitCommas ? s.strip() : s).filter(s -> !s.isBlank()).toList();
        }

        int integer(String key, int absent, int min, int max) {
            long v = longValue(key, absent, min, max);
            return (int) v;
        }

        long longValue(String key, long absent, long min, long max) {
            Object v = props.get(key);
            if (v == null || (v instanceof String s && s.isBlank())) {
                return absent;
            }
            long value;
            if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
                value = n.longValue();
            } else if (v instanceof String s) {
                try {
                    value = Long.parseLong(s.strip());
                } catch (NumberFormatException e) {
                    problem(key, "'" + s + "' is not a whole number");
                    return absent;
                }
            } else {
                problem(key, "must be a whole number, is " + describe(v));
                return absent;
            }
            if (value < min || value > max) {
                problem(key, value + " is out of range " + min + ".." + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "" : max));
                return absent;
            }
            return value;
        }

        private static String describe(Object v) {
            return v.getClass().isArray() ? v.getClass().getComponentType().getSimpleName() + "[]" : v.getClass().getSimpleName()
                    + " " + v;
        }
    }
}
