package dev.trellis.provider.scripted.internal.script;

import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.tool.ToolDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads scripts written in YAML or JSON (JSON is read as YAML, so both report lines the same way) into
 * {@link ScriptedModel}s. Every problem is a {@link ScriptException} naming the source, the line and the
 * field. The format is described in the bundle's README.
 */
public final class ScriptParser {

    /** Model names the provider keeps for itself. */
    public static final Set<String> RESERVED = Set.of("echo");

    private static final Set<String> FILE_KEYS = Set.of("models");
    private static final Set<String> MODEL_KEYS = Set.of("description", "delay", "turns");
    private static final Set<String> TURN_KEYS = Set.of("when", "times", "reply", "stop");
    private static final Set<String> WHEN_KEYS = Set.of("index", "user", "tool", "tool_error", "offered");
    private static final Set<String> USAGE_KEYS = Set.of("input", "output", "cache_read", "cache_write");
    private static final List<String> ACTIONS = List.of("say", "think", "call", "usage", "delay", "error");
    private static final Map<String, Set<String>> MODIFIERS = Map.of(
            "say", Set.of(), "think", Set.of("signature"), "call", Set.of("args", "id"), "usage", Set.of(),
            "delay", Set.of(), "error", Set.of("retry_after", "after", "status", "body", "detail", "hint"));
    /** Error kinds and the modifiers each accepts. */
    static final Map<String, Set<String>> ERROR_KINDS = errorKinds();
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

    private ScriptParser() {
    }

    private static Map<String, Set<String>> errorKinds() {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        kinds.put("rate_limited", Set.of("retry_after"));
        kinds.put("overloaded", Set.of());
        kinds.put("unauthorized", Set.of("detail"));
        kinds.put("bad_request", Set.of("detail"));
        kinds.put("tier_mismatch", Set.of("hint"));
        kinds.put("refusal", Set.of("detail"));
        kinds.put("malformed", Set.of("detail"));
        kinds.put("timeout", Set.of("after"));
        kinds.put("cancelled", Set.of());
        kinds.put("unavailable", Set.of());
        kinds.put("http", Set.of("status", "body"));
        return java.util.Collections.unmodifiableMap(kinds);
    }

    /**
     * The outcome of reading a script file: the models that are valid, and the problem of each model that
     * is not, by model name (other models of the file are still usable). A problem with the document itself
     * (syntax, no {@code models}) is {@code fatal}: then there are no models.
     */
    public record FileScript(List<ScriptedModel> models, Map<String, ScriptException> problems,
            Optional<ScriptException> fatal) {
        public FileScript {
            models = List.copyOf(models);
            problems = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(problems));
        }
    }

    /** Reads a file of the form {@code models: {<name>: <model>, ...}}. */
    public static FileScript parseFile(String source, String text) {
        Node root;
        try {
            root = compose(source, text);
        } catch (ScriptException e) {
            return new FileScript(List.of(), Map.of(), Optional.of(e));
        }
        Location top = new Location(source, line(root), "");
        List<ScriptedModel> models = new ArrayList<>();
        Map<String, ScriptException> problems = new LinkedHashMap<>();
        try {
            Map<String, NodeTuple> file = mapping(root, top);
            checkKeys(file, FILE_KEYS, top);
            NodeTuple modelsEntry = require(file, "models", top);
            Location modelsAt = top.child("models", line(modelsEntry.getValueNode()));
            Map<String, NodeTuple> named = mapping(modelsEntry.getValueNode(), modelsAt);
            if (named.isEmpty()) {
                throw new ScriptException(modelsAt, "defines no models");
            }
            for (Map.Entry<String, NodeTuple> e : named.entrySet()) {
                Location at = modelsAt.child(e.getKey(), line(e.getValue().getKeyNode()));
                try {
                    models.add(model(e.getKey(), e.getValue().getValueNode(), at));
                } catch (ScriptException problem) {
                    problems.put(e.getKey(), problem);
                }
            }
        } catch (ScriptException e) {
            return new FileScript(List.of(), Map.of(), Optional.of(e));
        }
        return new FileScript(models, problems, Optional.empty());
    }

    /** Reads one model body (a mapping with {@code turns}, or just the list of turns). */
    public static ScriptedModel parseModel(String source, String name, String text) throws ScriptException {
        Node root = compose(source, text);
        return model(name, root, new Location(source, line(root), ""));
    }

    private static Node compose(String source, String text) throws ScriptException {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false).build();
        try {
            return new Compose(settings).composeString(text)
                    .orElseThrow(() -> new ScriptException(new Location(source, 0, ""), "the script is empty"));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            int column = e.getProblemMark().or(e::getContextMark).map(m -> m.getColumn() + 1).orElse(0);
            String problem = Optional.ofNullable(e.getProblem()).orElse(e.getMessage()).strip();
            throw new ScriptException(source + " line " + line + " column " + column + ": not valid YAML/JSON: "
                    + (e.getContext() == null ? "" : e.getContext().strip() + ", ") + problem, e);
        } catch (YamlEngineException e) {
            throw new ScriptException(source + ": not valid YAML/JSON: " + e.getMessage(), e);
        }
    }

    private static ScriptedModel model(String name, Node body, Location at) throws ScriptException {
        if (RESERVED.contains(name)) {
            throw new ScriptException(at, "the model name '" + name + "' is built in and cannot be scripted");
        }
        try {
            new ModelId("scripted", name);
        } catch (IllegalArgumentException e) {
            throw new ScriptException(at, e.getMessage());
        }
        Listed parts = listed(body, at, MODEL_KEYS, "turns");
        Map<String, NodeTuple> m = parts.fields();
        String description = m.containsKey("description")
                ? string(m.get("description").getValueNode(), at.child("description", lineOf(m, "description"))) : "";
        Duration pause = m.containsKey("delay")
                ? duration(m.get("delay").getValueNode(), at.child("delay", lineOf(m, "delay"))) : Duration.ZERO;
        List<Node> items = parts.items();
        Location turnsAt = parts.itemsAt();
        if (items.isEmpty()) {
            throw new ScriptException(turnsAt, "needs at least one turn");
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            turns.add(turn(items.get(i), turnsAt.element(i, line(items.get(i)))));
        }
        if (description.isEmpty()) {
            description = "Scripted model, " + turns.size() + (turns.size() == 1 ? " turn" : " turns");
        }
        return new ScriptedModel(name, description, pause, turns, at);
    }

    private static Turn turn(Node node, Location at) throws ScriptException {
        Listed turn = listed(node, at, TURN_KEYS, "reply");
        Map<String, NodeTuple> m = turn.fields();
        Condition when = Condition.ALWAYS;
        int times = 0;
        Optional<StopReason> stop = Optional.empty();
        if (m.containsKey("when")) {
            when = condition(m.get("when").getValueNode(), at.child("when", lineOf(m, "when")));
        }
        if (m.containsKey("times")) {
            Location t = at.child("times", lineOf(m, "times"));
            times = (int) integer(m.get("times").getValueNode(), t);
            if (times < 1) {
                throw new ScriptException(t, "must be at least 1 (leave it out for a turn that can be used any number of times)");
            }
        }
        if (m.containsKey("stop")) {
            Location st = at.child("stop", lineOf(m, "stop"));
            String id = string(m.get("stop").getValueNode(), st);
            try {
                stop = Optional.of(StopReason.parse(id));
            } catch (IllegalArgumentException e) {
                throw new ScriptException(st, "unknown stop reason '" + id + "' (expected one of "
                        + java.util.Arrays.stream(StopReason.values()).map(StopReason::id).collect(Collectors.joining(", ")) + ")");
            }
        }
        List<Node> items = turn.items();
        Location replyAt = turn.itemsAt();
        List<Step> reply = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Location stepAt = replyAt.element(i, line(items.get(i)));
            if (!reply.isEmpty() && reply.getLast() instanceof Step.Fail) {
                throw new ScriptException(stepAt, "comes after an 'error' step and would never be played;"
                        + " an error ends the stream");
            }
            reply.add(step(items.get(i), stepAt));
        }
        boolean calls = reply.stream().anyMatch(s -> s instanceof Step.Call);
        boolean fails = !reply.isEmpty() && reply.getLast() instanceof Step.Fail;
        if (fails && stop.isPresent()) {
            throw new ScriptException(at, "has both 'stop' and an 'error' step; a failing stream never stops");
        }
        return new Turn(when, times, reply, stop.orElse(calls ? StopReason.TOOL_USE : StopReason.END_TURN), at);
    }

    /** A list written alone (the shorthand), or as the {@code field} of a mapping with the other {@code keys}. */
    private record Listed(Map<String, NodeTuple> fields, List<Node> items, Location itemsAt) {
    }

    private static Listed listed(Node node, Location at, Set<String> keys, String field) throws ScriptException {
        if (node instanceof SequenceNode s) {
            return new Listed(Map.of(), s.getValue(), at);
        }
        Map<String, NodeTuple> m = mapping(node, at);
        checkKeys(m, keys, at);
        Node list = require(m, field, at).getValueNode();
        Location listAt = at.child(field, line(list));
        return new Listed(m, sequence(list, listAt), listAt);
    }

    private static Condition condition(Node node, Location at) throws ScriptException {
        Map<String, NodeTuple> m = mapping(node, at);
        checkKeys(m, WHEN_KEYS, at);
        Set<Integer> indexes = new LinkedHashSet<>();
        if (m.containsKey("index")) {
            Node v = m.get("index").getValueNode();
            Location i = at.child("index", line(v));
            List<Node> values = v instanceof SequenceNode s ? s.getValue() : List.of(v);
            for (Node n : values) {
                long index = integer(n, i);
                if (index < 0) {
                    throw new ScriptException(i, "a turn index is 0 or more, was " + index);
                }
                indexes.add((int) index);
            }
        }
        Optional<Pattern> user = pattern(m, "user", at);
        Optional<Pattern> tool = pattern(m, "tool", at);
        Optional<Boolean> toolError = Optional.empty();
        if (m.containsKey("tool_error")) {
            toolError = Optional.of(bool(m.get("tool_error").getValueNode(), at.child("tool_error", lineOf(m, "tool_error"))));
        }
        Optional<String> offered = Optional.empty();
        if (m.containsKey("offered")) {
            Location o = at.child("offered", lineOf(m, "offered"));
            offered = Optional.of(toolName(m.get("offered").getValueNode(), o));
        }
        return new Condition(indexes, user, tool, toolError, offered);
    }

    private static Optional<Pattern> pattern(Map<String, NodeTuple> m, String key, Location at) throws ScriptException {
        if (!m.containsKey(key)) {
            return Optional.empty();
        }
        Location p = at.child(key, lineOf(m, key));
        String regex = string(m.get(key).getValueNode(), p);
        try {
            return Optional.of(Pattern.compile(regex, Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            throw new ScriptException(p, "not a valid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex() + " of '" + regex + "'");
        }
    }

    private static Step step(Node node, Location at) throws ScriptException {
        if (node instanceof ScalarNode) {
            // shorthand: a bare string is what the model says
            return new Step.Say(List.of(Template.parse(string(node, at), at)), true, at);
        }
        Map<String, NodeTuple> m = mapping(node, at);
        List<String> actions = ACTIONS.stream().filter(m::containsKey).toList();
        if (actions.size() != 1) {
            throw new ScriptException(at, (actions.isEmpty() ? "says nothing to do" : "has " + String.join(" and ", actions))
                    + "; each step has exactly one of " + String.join(", ", ACTIONS)
                    + (actions.isEmpty() && !m.isEmpty() ? " (found " + String.join(", ", m.keySet()) + ")" : ""));
        }
        String action = actions.getFirst();
        Set<String> allowed = new LinkedHashSet<>(MODIFIERS.get(action));
        allowed.add(action);
        checkKeys(m, allowed, at);
        Node value = m.get(action).getValueNode();
        Location v = at.child(action, line(value));
        return switch (action) {
            case "say" -> {
                Texts t = texts(value, v);
                yield new Step.Say(t.parts(), t.words(), at);
            }
            case "think" -> {
                Texts t = texts(value, v);
                Optional<String> signature = m.containsKey("signature")
                        ? Optional.of(string(m.get("signature").getValueNode(), at.child("signature", lineOf(m, "signature"))))
                        : Optional.empty();
                yield new Step.Think(t.parts(), t.words(), signature, at);
            }
            case "call" -> call(m, value, v, at);
            case "usage" -> usage(value, v, at);
            case "delay" -> new Step.Delay(duration(value, v), at);
            case "error" -> error(m, value, v, at);
            default -> throw new IllegalStateException(action);
        };
    }

    private record Texts(List<Template> parts, boolean words) {
    }

    private static Texts texts(Node value, Location at) throws ScriptException {
        if (value instanceof SequenceNode s) {
            List<Template> parts = new ArrayList<>();
            List<Node> items = s.getValue();
            if (items.isEmpty()) {
                throw new ScriptException(at, "an empty list streams nothing; give at least one piece of text");
            }
            for (int i = 0; i < items.size(); i++) {
                Location e = at.element(i, line(items.get(i)));
                parts.add(Template.parse(string(items.get(i), e), e));
            }
            return new Texts(parts, false);
        }
        return new Texts(List.of(Template.parse(string(value, at), at)), true);
    }

    private static Step call(Map<String, NodeTuple> m, Node value, Location v, Location at) throws ScriptException {
        String name = toolName(value, v);
        Optional<Template> id = Optional.empty();
        if (m.containsKey("id")) {
            Location i = at.child("id", lineOf(m, "id"));
            String text = string(m.get("id").getValueNode(), i);
            if (text.isBlank()) {
                throw new ScriptException(i, "a tool call id must not be blank");
            }
            id = Optional.of(Template.parse(text, i));
        }
        Arguments args = Arguments.empty();
        if (m.containsKey("args")) {
            Node a = m.get("args").getValueNode();
            Location l = at.child("args", line(a));
            if (a instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                args = Arguments.fromJson(s.getValue(), l);
            } else if (a instanceof MappingNode) {
                args = new Arguments(objectMap(a, l));
            } else {
                throw new ScriptException(l, "args must be a mapping (YAML/JSON object) or a JSON object string");
            }
        }
        return new Step.Call(name, id, args, at);
    }

    private static Step usage(Node value, Location v, Location at) throws ScriptException {
        Map<String, NodeTuple> m = mapping(value, v);
        checkKeys(m, USAGE_KEYS, v);
        long[] counts = new long[4];
        int i = 0;
        for (String key : List.of("input", "output", "cache_read", "cache_write")) {
            if (m.containsKey(key)) {
                Location k = v.child(key, lineOf(m, key));
                counts[i] = integer(m.get(key).getValueNode(), k);
                if (counts[i] < 0) {
                    throw new ScriptException(k, "token counts are 0 or more, was " + counts[i]);
                }
            }
            i++;
        }
        return new Step.Usage(counts[0], counts[1], counts[2], counts[3], at);
    }

    private static Step error(Map<String, NodeTuple> m, Node value, Location v, Location at) throws ScriptException {
        String kind = string(value, v).strip().toLowerCase(Locale.ROOT);
        Set<String> modifiers = ERROR_KINDS.get(kind);
        if (modifiers == null) {
            throw new ScriptException(v, "unknown error kind '" + kind + "' (expected one of "
                    + String.join(", ", ERROR_KINDS.keySet()) + ")");
        }
        for (String key : m.keySet()) {
            if (!key.equals("error") && !modifiers.contains(key)) {
                throw new ScriptException(at.child(key, lineOf(m, key)), "does not apply to error '" + kind + "'"
                        + (modifiers.isEmpty() ? " (it takes no options)" : " (it takes " + String.join(", ", modifiers) + ")"));
            }
        }
        Duration wait = Duration.ZERO;
        if (m.containsKey("retry_after")) {
            wait = duration(m.get("retry_after").getValueNode(), at.child("retry_after", lineOf(m, "retry_after")));
        }
        if (kind.equals("timeout")) {
            wait = m.containsKey("after") ? duration(m.get("after").getValueNode(), at.child("after", lineOf(m, "after")))
                    : Duration.ofSeconds(30);
        }
        int status = 0;
        String text = switch (kind) {
            case "unauthorized" -> "the scripted credentials were rejected";
            case "bad_request" -> "the scripted request was rejected";
            case "tier_mismatch" -> "scripted tier mismatch";
            case "refusal" -> "the scripted model refused";
            case "malformed" -> "scripted malformed stream";
            default -> "";
        };
        for (String key : List.of("detail", "hint", "body")) {
            if (m.containsKey(key)) {
                text = string(m.get(key).getValueNode(), at.child(key, lineOf(m, key)));
            }
        }
        if (kind.equals("http")) {
            if (!m.containsKey("status")) {
                throw new ScriptException(at, "error 'http' needs a status (100 to 599)");
            }
            Location s = at.child("status", lineOf(m, "status"));
            status = (int) integer(m.get("status").getValueNode(), s);
            if (status < 100 || status > 599) {
                throw new ScriptException(s, "HTTP status must be 100 to 599, was " + status);
            }
        }
        return new Step.Fail(new Step.ErrorSpec(kind, wait, status, text), at);
    }

    // ---- node helpers ----------------------------------------------------------------------------------

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static int lineOf(Map<String, NodeTuple> m, String key) {
        return line(m.get(key).getValueNode());
    }

    private static Map<String, NodeTuple> mapping(Node node, Location at) throws ScriptException {
        if (!(node instanceof MappingNode mapping)) {
            throw new ScriptException(at, "expected a mapping (key: value), found " + describe(node));
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new ScriptException(at.child("?", line(t.getKeyNode())), "keys must be plain names");
            }
            if (out.put(key.getValue(), t) != null) {
                throw new ScriptException(at.child(key.getValue(), line(key)), "is given twice");
            }
        }
        return out;
    }

    private static List<Node> sequence(Node node, Location at) throws ScriptException {
        if (!(node instanceof SequenceNode seq)) {
            throw new ScriptException(at, "expected a list, found " + describe(node));
        }
        return seq.getValue();
    }

    private static void checkKeys(Map<String, NodeTuple> m, Set<String> allowed, Location at) throws ScriptException {
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new ScriptException(at.child(e.getKey(), line(e.getValue().getKeyNode())),
                        "is not a known field here (expected " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static NodeTuple require(Map<String, NodeTuple> m, String key, Location at) throws ScriptException {
        NodeTuple t = m.get(key);
        if (t == null) {
            throw new ScriptException(at, "needs '" + key + "'");
        }
        return t;
    }

    private static String string(Node node, Location at) throws ScriptException {
        if (!(node instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
            throw new ScriptException(at, "expected text, found " + describe(node));
        }
        return s.getValue();
    }

    private static String toolName(Node node, Location at) throws ScriptException {
        String name = string(node, at);
        if (!name.matches(ToolDescriptor.NAME_PATTERN)) {
            throw new ScriptException(at, "tool name '" + name + "' must match " + ToolDescriptor.NAME_PATTERN);
        }
        return name;
    }

    private static long integer(Node node, Location at) throws ScriptException {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                return Long.parseLong(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ScriptException(at, "expected a whole number, found " + describe(node));
    }

    private static boolean bool(Node node, Location at) throws ScriptException {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
        }
        throw new ScriptException(at, "expected true or false, found " + describe(node));
    }

    /** {@code 250} (milliseconds), {@code 250ms}, {@code 1.5s}, {@code 2m}. */
    static Duration duration(Node node, Location at) throws ScriptException {
        if (node instanceof ScalarNode s) {
            Matcher m = DURATION.matcher(s.getValue().strip());
            if (m.matches()) {
                double amount = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "ms" : m.group(2);
                double millis = switch (unit) {
                    case "s" -> amount * 1000;
                    case "m" -> amount * 60_000;
                    default -> amount;
                };
                if (millis > Duration.ofHours(1).toMillis()) {
                    throw new ScriptException(at, "a duration of more than an hour is surely a mistake: " + s.getValue());
                }
                return Duration.ofNanos(Math.round(millis * 1_000_000));
            }
        }
        throw new ScriptException(at, "expected a duration such as 250ms, 1.5s or 2m (a bare number is milliseconds),"
                + " found " + describe(node));
    }

    private static Map<String, Object> objectMap(Node node, Location at) throws ScriptException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : mapping(node, at).entrySet()) {
            Node v = e.getValue().getValueNode();
            out.put(e.getKey(), object(v, at.child(e.getKey(), line(v))));
        }
        return out;
    }

    private static Object object(Node node, Location at) throws ScriptException {
        return switch (node) {
            case MappingNode m -> objectMap(m, at);
            case SequenceNode s -> {
                List<Object> out = new ArrayList<>();
                List<Node> items = s.getValue();
                for (int i = 0; i < items.size(); i++) {
                    out.add(object(items.get(i), at.element(i, line(items.get(i)))));
                }
                yield out;
            }
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> null;
            case ScalarNode s when s.getTag().equals(Tag.BOOL) -> bool(s, at);
            case ScalarNode s when s.getTag().equals(Tag.INT) -> integer(s, at);
            case ScalarNode s when s.getTag().equals(Tag.FLOAT) -> Double.parseDouble(s.getValue());
            case ScalarNode s -> Template.parse(s.getValue(), at);
            default -> throw new ScriptException(at, "unsupported value " + describe(node));
        };
    }

    private static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "nothing (null)";
            case ScalarNode s -> "'" + (s.getValue().length() > 40 ? s.getValue().substring(0, 40) + "…" : s.getValue()) + "'";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
