package dev.trellis.tasks.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskListSettings;
import dev.trellis.api.tasks.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Property-based round trips of the task-list JSON form (task-skill AC1.3 for our JSON form): any list with
 * items, edges of both forms (self-edges included), metadata and comments formats to text that parses back
 * equal, and formatting is stable; reordering keeps every item.
 */
class TaskListJsonPropertyTest {

    static final Instant EPOCH = TaskId.EPOCH;

    @Provide
    Arbitrary<String> texts() {
        // any characters JSON must escape, unicode beyond the BMP, markdown
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\t', '"', '\\', 'é', '\u2028')
                .withChars("\uD83D\uDE00".toCharArray()).ofMinLength(0).ofMaxLength(40)
                .filter(s -> !TaskListJsonPropertyTest.brokenSurrogates(s));
    }

    static boolean brokenSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    Arbitrary<String> nonBlank() {
        return texts().filter(s -> !s.isBlank());
    }

    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 5_000_000_000_000L).map(EPOCH::plusMillis)
                .flatMap(t -> Arbitraries.integers().between(0, 999_999).map(t::plusNanos));
    }

    Arbitrary<String> labels() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '.', '/').ofMinLength(1).ofMaxLength(12)
                .filter(s -> dev.trellis.api.memory.BlockAddress.LABEL.matcher(s).matches());
    }

    Arbitrary<TaskId> ids() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE).map(TaskId::new);
    }

    Arbitrary<EdgeRef> refs() {
        return Combinators.combine(labels(), ids().optional()).as(EdgeRef::new);
    }

    Arbitrary<String> metadata() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(texts().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6), scalars).ofMaxSize(4)
                .map(m -> {
                    Map<String, Object> ordered = new LinkedHashMap<>(m);
                    try {
                        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ordered);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    Arbitrary<TaskComment> comments() {
        return Combinators.combine(nonBlank(), instants(), nonBlank()).as(TaskComment::new);
    }

    Arbitrary<TaskItem> items(TaskId id) {
        return Combinators.combine(nonBlank(), texts(), texts().filter(s -> !s.isEmpty()).optional(),
                Arbitraries.of(TaskStatus.class), nonBlank().optional(), refs().list().ofMaxSize(4), metadata(),
                comments().list().ofMaxSize(3)).as((subject, description, active, status, owner, blocks, meta, comments) ->
                new TaskItem(id, subject, description, active, status, owner, blocks, meta, comments, EPOCH, EPOCH,
                        Optional.empty()))
                .flatMap(item -> Combinators.combine(instants(), instants(), instants().optional()).as((c, u, done) ->
                        new TaskItem(item.id(), item.subject(), item.description(), item.activeForm(), item.status(),
                                item.owner(), item.blocks(), item.metadataJson(), item.comments(), c, u, done)));
    }

    @Provide
    Arbitrary<TaskList> lists() {
        Arbitrary<TaskListSettings> settings = Combinators.combine(nonBlank().optional(), Arbitraries.of(TaskStatus.class),
                Arbitraries.integers().between(1, 500)).as(TaskListSettings::new);
        Arbitrary<List<TaskItem>> items = ids().set().ofMaxSize(6).flatMap(idSet -> {
            List<Arbitrary<TaskItem>> each = idSet.stream().map(this::items).collect(Collectors.toList());
            return each.isEmpty() ? Arbitraries.just(List.<TaskItem>of()) : Combinators.combine(each).as(ArrayList::new);
        });
        // sometimes an item blocks itself or another item of the list
        return Combinators.combine(settings, items, labels()).as((s, i, self) -> new TaskList(s, withInternalEdges(i, self)));
    }

    static List<TaskItem> withInternalEdges(List<TaskItem> items, String self) {
        List<TaskItem> out = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            TaskItem i = items.get(n);
            List<EdgeRef> blocks = new ArrayList<>(i.blocks());
            blocks.add(EdgeRef.item(self, items.get((n * 7) % items.size()).id()));
            out.add(new TaskItem(i.id(), i.subject(), i.description(), i.activeForm(), i.status(), i.owner(), blocks,
                    i.metadataJson(), i.comments(), i.createdAt(), i.updatedAt(), i.completedAt()));
        }
        return out;
    }

    /** Metadata compares as canonical text (keys sorted). */
    static TaskList canonical(TaskList list) {
        return new TaskList(list.settings(), list.items().stream().map(i -> new TaskItem(i.id(), i.subject(), i.description(),
                i.activeForm(), i.status(), i.owner(), i.blocks(), TaskListJson.metadataText(
                        TaskListJson.canonicalMetadata(i.metadataJson())), i.comments(), i.createdAt(), i.updatedAt(),
                i.completedAt())).toList());
    }

    @Property(tries = 250)
    void formatThenParseGivesTheSameList(@ForAll("lists") TaskList list) {
        String json = TaskListJson.format(list);
        assertThat(TaskListJson.parse(json)).isEqualTo(canonical(list));
    }

    @Property(tries = 150)
    void formattingIsStable(@ForAll("lists") TaskList list) {
        String once = TaskListJson.format(list);
        assertThat(TaskListJson.format(TaskListJson.parse(once))).isEqualTo(once);
    }

    @Property(tries = 100)
    void reorderingKeepsEveryItemAndId(@ForAll("lists") TaskList list, @ForAll @Size(max = 10) List<Integer> swaps) {
        List<TaskItem> items = new ArrayList<>(list.items());
        for (int s : swaps) {
            if (items.size() > 1) {
                java.util.Collections.swap(items, Math.floorMod(s, items.size()), Math.floorMod(s * 31 + 1, items.size()));
            }
        }
        TaskList back = TaskListJson.parse(TaskListJson.format(new TaskList(list.settings(), items)));
        assertThat(back.items()).extracting(TaskItem::id).containsExactlyElementsOf(items.stream().map(TaskItem::id).toList());
        for (TaskItem i : canonical(list).items()) {
            assertThat(back.item(i.id())).contains(i);
        }
    }
}
