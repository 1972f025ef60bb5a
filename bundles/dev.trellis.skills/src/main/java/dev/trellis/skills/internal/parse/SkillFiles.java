package dev.trellis.skills.internal.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.SkillError;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillMetadata;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.TrustTier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Skill files: {@code ---}, YAML front matter, {@code ---}, an optional blank line, the Markdown body
 * (reference §4). Parsing accepts CRLF and CR line ends and a UTF-8 byte order mark; every failure is a
 * {@link SkillException} {@code Malformed} whose {@link SkillParseError} gives the file, the line and the
 * column <em>in the file</em> (the front matter starts on line 2) and what to change.
 *
 * <p>Fields: {@code name} (required, kebab-case), {@code trust_tier} (one of the four tiers; absent means
 * "from the source"), {@code description} (string or null), {@code keywords} (a list of strings),
 * {@code hooks} (any value, kept as JSON), {@code source_plugin_id}; other keys are kept as extras (JSON).
 * agentskills.io {@code <name>/SKILL.md} files also follow that format's rules: the name matches the
 * directory and is at most 64 characters, a description is required (at most 1024), {@code license},
 * {@code compatibility} (at most 500), {@code allowed-tools} are strings and {@code metadata} maps
 * strings to strings; they are kept as extras.
 */
public final class SkillFiles {

    /** Longest front matter accepted: skills carry a few fields, not data. */
    public static final int MAX_FRONT_MATTER = 64 * 1024;
    /** The file name of agentskills.io skills. */
    public static final String AGENT_SKILL_FILE = "SKILL.md";

    private static final String DELIMITER = "---";

    private SkillFiles() {
    }

    /** {@code \r\n} and lone {@code \r} become {@code \n}; a leading byte order mark is dropped. */
    public static String normalize(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.indexOf('\r') < 0 ? t : t.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Where a text comes from decides the extra rules its name follows. */
    private sealed interface Layout {
        /** A skill block's content: no rule on the name. */
        record Block() implements Layout {
        }

        /** {@code <name>.md}: the name is the file name without {@code .md}. */
        record File(String stem) implements Layout {
        }

        /** {@code <name>/SKILL.md}: agentskills.io rules. */
        record AgentSkill(String directory) implements Layout {
        }
    }

    /** Parses a skill's text (a skill block's content, or a file whose name does not matter). */
    public static SkillDocument parse(String file, String text) {
        return parse(file, text, new Layout.Block());
    }

    /** Parses {@code <stem>.md}: the skill's name must be {@code stem}. */
    public static SkillDocument parseFile(String file, String text, String stem) {
        return parse(file, text, new Layout.File(stem));
    }

    /** Parses {@code <directory>/SKILL.md} with the agentskills.io rules. */
    public static SkillDocument parseAgentSkill(String file, String text, String directory) {
        return parse(file, text, new Layout.AgentSkill(directory));
    }

    private static SkillDocument parse(String file, String raw, Layout layout) {
        String text = normalize(raw);
        int firstEnd = text.indexOf('\n');
        String first = firstEnd < 0 ? text : text.substring(0, firstEnd);
        if (!isDelimiter(first)) {
            throw error(file, 1, 1, text.isEmpty() ? "the file is empty: a skill starts with a line '---'"
                    : "missing '---' on line 1: a skill file starts with '---', then YAML front matter, then '---'"
                            + " and the Markdown body");
        }
        int yamlStart = firstEnd + 1;
        int closeLine = 2;
        int pos = firstEnd < 0 ? text.length() : yamlStart;
        int close = -1;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            String line = text.substring(pos, end < 0 ? text.length() : end);
            if (isDelimiter(line)) {
                close = pos;
                break;
            }
            if (end < 0) {
                break;
            }
            pos = end + 1;
            closeLine++;
        }
        if (close < 0) {
            throw error(file, 1, 1, "the front matter opened on line 1 is never closed: add a line '---' after it");
        }
        String yaml = text.substring(Math.min(yamlStart, close), close);
        int bodyStart = text.indexOf('\n', close);
        String body = bodyStart < 0 ? "" : text.substring(bodyStart + 1);
        if (body.startsWith("\n")) {
            body = body.substring(1);
        }
        if (yaml.length() > MAX_FRONT_MATTER) {
            throw error(file, 2, 1, "the front matter has " + yaml.length() + " characters; at most "
                    + MAX_FRONT_MATTER + " are allowed");
        }
        try {
            checkCharacters(yaml);
            Optional<YamlNode> root = YamlTree.compose(yaml, file);
            YamlNode.Mapping map = switch (root.orElse(null)) {
                case null -> throw new YamlProblem(0, 0, "name: required (the front matter is empty)");
                case YamlNode.Mapping m -> m;
                case YamlNode other -> throw YamlProblem.at(other,
                        "the front matter must be a mapping of keys to values, not " + YamlNode.describe(other));
            };
            return fields(map, body, layout);
        } catch (YamlProblem p) {
            // the YAML text starts on line 2 of the file
            throw error(file, p.line() + 2, p.column() + 1, p.getMessage());
        }
    }

    private static boolean isDelimiter(String line) {
        return line.startsWith(DELIMITER) && line.substring(DELIMITER.length()).isBlank();
    }

    /** YAML's printable set (the engine's reader would refuse the rest without a line). */
    private static void checkCharacters(String yaml) {
        int line = 0;
        int column = 0;
        for (int i = 0; i < yaml.length(); ) {
            int c = yaml.codePointAt(i);
            boolean printable = c == 0x9 || c == 0xA || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!printable) {
                throw new YamlProblem(line, column, String.format(
                        "character U+%04X is not allowed in the front matter (control characters and lone surrogates"
                                + " cannot appear in YAML)", c));
            }
            if (c == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
            i += Character.charCount(c);
        }
    }

    private static SkillDocument fields(YamlNode.Mapping map, String body, Layout layout) {
        Map<String, YamlNode> byKey = new LinkedHashMap<>();
        for (YamlNode.Entry e : map.entries()) {
            byKey.put(e.key().value(), e.value());
        }
        YamlNode nameNode = byKey.get("name");
        if (nameNode == null) {
            throw YamlProblem.at(map, "name: required (add a line 'name: my-skill')");
        }
        String name = requiredString(nameNode, "name");
        if (!SkillMetadata.NAME.matcher(name).matches()) {
            throw YamlProblem.at(nameNode, "name: '" + name + "' must be kebab-case: lowercase letters and digits in"
                    + " words joined by single '-' (" + SkillMetadata.NAME.pattern() + ")");
        }
        Optional<TrustTier> tier = optionalString(byKey.get("trust_tier"), "trust_tier").map(t -> {
            try {
                return TrustTier.parse(t);
            } catch (IllegalArgumentException e) {
                throw YamlProblem.at(byKey.get("trust_tier"), "trust_tier: " + e.getMessage());
            }
        });
        Optional<String> description = optionalString(byKey.get("description"), "description");
        List<String> keywords = keywords(byKey.get("keywords"));
        Optional<String> hooks = Optional.ofNullable(byKey.get("hooks")).filter(h -> !isNull(h)).map(JsonValues::text);
        Optional<PluginId> plugin = optionalString(byKey.get("source_plugin_id"), "source_plugin_id").map(p -> {
            try {
                return PluginId.of(p);
            } catch (IllegalArgumentException e) {
                throw YamlProblem.at(byKey.get("source_plugin_id"), "source_plugin_id: " + e.getMessage());
            }
        });
        TreeMap<String, String> extras = new TreeMap<>();
        byKey.forEach((key, value) -> {
            if (!SkillDocument.KNOWN_KEYS.contains(key)) {
                extras.put(key, JsonValues.text(value));
            }
        });
        switch (layout) {
            case Layout.Block b -> {
            }
            case Layout.File f -> {
                if (!name.equals(f.stem())) {
                    throw YamlProblem.at(nameNode, "name: '" + name + "' must match the file name '" + f.stem()
                            + ".md' (rename the file or the skill)");
                }
            }
            case Layout.AgentSkill a -> AgentSkillRules.check(map, byKey, name, description, a.directory());
        }
        return new SkillDocument(name, tier, description, keywords, hooks, plugin, extras, body);
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL;
    }

    static String requiredString(YamlNode node, String field) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING) {
            if (s.value().isBlank()) {
                throw YamlProblem.at(node, field + ": must not be empty");
            }
            return s.value();
        }
        throw YamlProblem.at(node, field + ": expected a string, got " + YamlNode.describe(node));
    }

    static Optional<String> optionalString(YamlNode node, String field) {
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING) {
            return Optional.of(s.value());
        }
        throw YamlProblem.at(node, field + ": expected a string, got " + YamlNode.describe(node));
    }

    private static List<String> keywords(YamlNode node) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw YamlProblem.at(node, "keywords: expected a list of strings, got " + YamlNode.describe(node)
                    + " (write keywords: [auth, login])");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            if (!(item instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.STRING) {
                throw YamlProblem.at(item, "keywords[" + i + "]: expected a string, got " + YamlNode.describe(item));
            }
            out.add(s.value());
        }
        return out;
    }

    private static SkillException error(String file, int line, int column, String message) {
        return new SkillException(new SkillError.Malformed(new SkillParseError(file, line, column, message)));
    }

    // ---- rendering

    private static final Dump DUMP = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
            .setSchema(new CoreSchema()).setWidth(100).build());

    /**
     * The canonical text of a skill: {@code ---}, the front matter in a fixed order (name, trust_tier,
     * description, keywords, hooks, source_plugin_id, extras by key), {@code ---}, a blank line, the
     * body; {@code \n} line ends. {@link #parse} of the result gives these values back.
     */
    public static String render(SkillDocument doc) {
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("name", doc.name());
        doc.declaredTier().ifPresent(t -> front.put("trust_tier", t.id()));
        doc.description().ifPresent(d -> front.put("description", d));
        if (!doc.keywords().isEmpty()) {
            front.put("keywords", doc.keywords());
        }
        doc.hooksJson().ifPresent(h -> front.put("hooks", json(h)));
        doc.sourcePlugin().ifPresent(p -> front.put("source_plugin_id", p.value()));
        doc.extras().forEach((k, v) -> front.put(k, json(v)));
        return DELIMITER + "\n" + DUMP.dumpToString(front) + DELIMITER + "\n\n" + doc.body();
    }

    private static Object json(String text) {
        try {
            return JsonValues.MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON text: " + text, e);
        }
    }
}
