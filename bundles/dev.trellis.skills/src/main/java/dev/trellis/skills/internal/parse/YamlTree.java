package dev.trellis.skills.internal.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes YAML text into {@link YamlNode}s from SnakeYAML Engine's event stream. The engine's own
 * composer and constructor are not used because front matter is untrusted text and they recurse per
 * nesting level (a few thousand '[' overflow the stack), report duplicate and non-scalar keys without
 * a position, and follow recursive aliases. Here composing is a loop over events with an explicit
 * stack, nesting is capped at {@value #MAX_DEPTH}, aliases may only name finished nodes and count
 * against {@value #MAX_NODES} nodes in total (no "billion laughs"), and every problem carries the
 * line and column where it is.
 *
 * <p>Scalars are resolved with the YAML 1.2 core schema ({@code ~}/{@code null} is null,
 * {@code true}/{@code false}, {@code 0x1F}, {@code 1e3}; {@code yes} is a string). Explicit tags are
 * limited to the core ones ({@code !!str}, {@code !!int}, {@code !!float}, {@code !!bool},
 * {@code !!null}, {@code !!binary}, {@code !!seq}, {@code !!map}) and {@code !}: front matter holds
 * plain data, so {@code !ENV} and application tags are errors rather than behaviour.
 */
final class YamlTree {

    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 10_000;

    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();
    /** Tag.PREFIX, spelled out so it can be a switch label. */
    private static final String CORE = "tag:yaml.org,2002:";

    private YamlTree() {
    }

    /**
     * @param yaml  the front matter text (without the {@code ---} lines)
     * @param label name used by the engine in its messages
     * @return the document's root, or empty if the text holds no document (blank or comments only)
     * @throws YamlProblem with a position in {@code yaml}
     */
    static Optional<YamlNode> compose(String yaml, String label) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setUseMarks(true)
                .setCodePointLimit(Math.max(1024, yaml.length() * 2)).build();
        Iterator<Event> events = new Parse(settings).parseString(yaml).iterator();
        try {
            return new Composer(events).run();
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + e.getContextMark().filter(c -> c != m).map(c -> " at line " + (c.getLine() + 1) + ", column "
                            + (c.getColumn() + 1) + " of the front matter").orElse("") + ")";
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            return fail(m == null ? 0 : m.getLine(), m == null ? 0 : m.getColumn(), problem + context);
        } catch (ReaderException e) {
            int[] at = position(yaml, e.getPosition());
            return fail(at[0], at[1], String.format("character U+%04X is not allowed in YAML", e.getCodePoint()));
        } catch (YamlEngineException e) {
            return fail(0, 0, String.valueOf(e.getMessage()));
        }
    }

    private static <T> T fail(int line, int column, String message) {
        throw new YamlProblem(line, column, message);
    }

    /** 0-based line and column of the {@code codePoint}-th code point of {@code text}. */
    static int[] position(String text, int codePoint) {
        int line = 0;
        int column = 0;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePoint; i = text.offsetByCodePoints(i, 1), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** One collection being built. */
    private abstract static class Frame {
        final Optional<Anchor> anchor;
        final int line;
        final int column;
        int size = 1;

        Frame(Optional<Anchor> anchor, int line, int column) {
            this.anchor = anchor;
            this.line = line;
            this.column = column;
        }

        abstract void add(YamlNode node);

        abstract YamlNode finish();
    }

    private static final class SequenceFrame extends Frame {
        final List<YamlNode> items = new ArrayList<>();

        SequenceFrame(Optional<Anchor> anchor, int line, int column) {
            super(anchor, line, column);
        }

        @Override
        void add(YamlNode node) {
            items.add(node);
            size += node.size();
        }

        @Override
        YamlNode finish() {
            return new YamlNode.Sequence(items, line, column, size);
        }
    }

    private static final class MappingFrame extends Frame {
        final List<YamlNode.Entry> entries = new ArrayList<>();
        final Map<String, YamlNode.Scalar> keys = new HashMap<>();
        YamlNode.Scalar pendingKey;

        MappingFrame(Optional<Anchor> anchor, int line, int column) {
            super(anchor, line, column);
        }

        @Override
        void add(YamlNode node) {
            size += node.size();
            if (pendingKey != null) {
                entries.add(new YamlNode.Entry(pendingKey, node));
                pendingKey = null;
                return;
            }
            if (!(node instanceof YamlNode.Scalar key)) {
                throw YamlProblem.at(node, "a key must be a plain value, not " + YamlNode.describe(node));
            }
            YamlNode.Scalar first = keys.putIfAbsent(key.value(), key);
            if (first != null) {
                throw YamlProblem.at(key, "duplicate key '" + key.value() + "' (first at line " + (first.line() + 1)
                        + " of the front matter)");
            }
            pendingKey = key;
        }

        @Override
        YamlNode finish() {
            return new YamlNode.Mapping(entries, line, column, size);
        }
    }

    private static final class Composer {
        private final Iterator<Event> events;
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<Anchor, YamlNode> anchors = new HashMap<>();
        private final Set<Anchor> open = new HashSet<>();
        private int nodes;
        private int documents;
        private YamlNode root;

        Composer(Iterator<Event> events) {
            this.events = events;
        }

        Optional<YamlNode> run() {
            while (events.hasNext()) {
                Event e = events.next();
                switch (e.getEventId()) {
                    case DocumentStart -> {
                        if (++documents > 1) {
                            throw problem(e, "the front matter holds more than one YAML document (remove '...')");
                        }
                    }
                    case Scalar -> scalar((ScalarEvent) e);
                    case SequenceStart -> push(new SequenceFrame(((NodeEvent) e).getAnchor(), line(e), column(e)),
                            (CollectionStartEvent) e, "seq");
                    case MappingStart -> push(new MappingFrame(((NodeEvent) e).getAnchor(), line(e), column(e)),
                            (CollectionStartEvent) e, "map");
                    case SequenceEnd, MappingEnd -> {
                        Frame f = stack.pop();
                        f.anchor.ifPresent(open::remove);
                        YamlNode node = f.finish();
                        f.anchor.ifPresent(a -> anchors.put(a, node));
                        add(node);
                    }
                    case Alias -> alias((AliasEvent) e);
                    default -> {
                        // StreamStart, StreamEnd, DocumentEnd, Comment: nothing to compose
                    }
                }
            }
            return Optional.ofNullable(root);
        }

        private void scalar(ScalarEvent e) {
            YamlNode.Kind kind = kind(e);
            YamlNode node = new YamlNode.Scalar(kind, e.getValue(), line(e), column(e));
            count(1, e);
            e.getAnchor().ifPresent(a -> anchors.put(a, node));
            add(node);
        }

        private YamlNode.Kind kind(ScalarEvent e) {
            Optional<String> tag = e.getTag().filter(t -> !t.equals("!"));
            if (tag.isEmpty()) {
                if (!e.isPlain() || e.getTag().isPresent()) {
                    return YamlNode.Kind.STRING;
                }
                return kindOf(RESOLVER.resolve(e.getValue(), true).getValue(), e);
            }
            return kindOf(tag.get(), e);
        }

        private YamlNode.Kind kindOf(String tag, Event e) {
            return switch (tag) {
                case CORE + "str" -> YamlNode.Kind.STRING;
                case CORE + "int" -> YamlNode.Kind.INTEGER;
                case CORE + "float" -> YamlNode.Kind.FLOAT;
                case CORE + "bool" -> YamlNode.Kind.BOOLEAN;
                case CORE + "null" -> YamlNode.Kind.NULL;
                case CORE + "binary" -> YamlNode.Kind.BINARY;
                default -> throw problem(e, "tag '" + shortTag(tag) + "' is not supported here: front matter holds"
                        + " plain values (strings, numbers, booleans, null, lists, mappings)");
            };
        }

        private void push(Frame frame, CollectionStartEvent e, String coreTag) {
            e.getTag().filter(t -> !t.equals("!") && !t.equals(CORE + coreTag)).ifPresent(t -> {
                throw problem(e, "tag '" + shortTag(t) + "' is not supported here: front matter holds plain values"
                        + " (strings, numbers, booleans, null, lists, mappings)");
            });
            if (stack.size() >= MAX_DEPTH) {
                throw problem(e, "the front matter nests deeper than " + MAX_DEPTH + " levels");
            }
            count(1, e);
            frame.anchor.ifPresent(open::add);
            stack.push(frame);
        }

        private void alias(AliasEvent e) {
            Anchor a = e.getAlias();
            if (open.contains(a)) {
                throw problem(e, "alias '*" + a.getValue() + "' refers to a node that contains it (recursive alias)");
            }
            YamlNode node = anchors.get(a);
            if (node == null) {
                throw problem(e, "alias '*" + a.getValue() + "' names no anchor defined before it (write '&"
                        + a.getValue() + "' on a value above)");
            }
            count(node.size(), e);
            add(node);
        }

        private void add(YamlNode node) {
            Frame top = stack.peek();
            if (top == null) {
                root = node;
            } else {
                top.add(node);
            }
        }

        private void count(int n, Event e) {
            nodes += n;
            if (nodes > MAX_NODES) {
                throw problem(e, "the front matter expands to more than " + MAX_NODES + " values (through aliases)");
            }
        }

        private static YamlProblem problem(Event e, String message) {
            return new YamlProblem(line(e), column(e), message);
        }

        private static int line(Event e) {
            return e.getStartMark().map(Mark::getLine).orElse(0);
        }

        private static int column(Event e) {
            return e.getStartMark().map(Mark::getColumn).orElse(0);
        }

        private static String shortTag(String tag) {
            return tag.startsWith(CORE) ? "!!" + tag.substring(CORE.length()) : tag;
        }
    }
}
