package dev.trellis.tasks.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.schema.SchemaViolation;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskListSettings;
import dev.trellis.api.tasks.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The JSON form of task lists (task-skill AC1 for our JSON form): round trips, refs, located errors. */
class TaskListJsonTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final TaskId A = TaskId.of(T0, 1, 0);
    static final TaskId B = TaskId.of(T0, 1, 1);

    static TaskItem item(TaskId id, String subject, List<EdgeRef> blocks) {
        return new TaskItem(id, subject, "", Optional.empty(), TaskStatus.PENDING, Optional.empty(), blocks, "{}", List.of(),
                T0, T0, Optional.empty());
    }

    static SchemaViolation violation(String json) {
        try {
            TaskListJson.parse(json);
        } catch (SchemaViolation e) {
            return e;
        }
        throw new AssertionError("no violation for " + json);
    }

    @Test
    void aFullListFormatsCanonicallyAndParsesBackEqual() {
        TaskItem full = new TaskItem(A, "Write the spec", "All of it\n\n- with *markdown*", Optional.of("writing the spec"),
                TaskStatus.COMPLETED, Optional.of("ada"), List.of(EdgeRef.block("review"), EdgeRef.item("review", B)),
                "{\"b\":[2,{\"z\":1,\"a\":0}],\"a\":\"x\"}", List.of(new TaskComment("agent ada", T0.plusSeconds(5), "done")),
                T0, T0.plusSeconds(60), Optional.of(T0.plusSeconds(60)));
        TaskList list = new TaskList(new TaskListSettings(Optional.of("ada"), TaskStatus.BLOCKED, 7), List.of(full));
        String json = TaskListJson.format(list);
        assertThat(json).isEqualTo("{\"default_owner\":\"ada\",\"default_status\":\"blocked\",\"display_limit\":7,"
                + "\"items\":[{\"id\":\"" + A + "\",\"subject\":\"Write the spec\",\"description\":\"All of it\\n\\n- with *markdown*\","
                + "\"active_form\":\"writing the spec\",\"status\":\"completed\",\"owner\":\"ada\","
                + "\"blocks\":[\"review\",\"review#" + B + "\"],\"metadata\":{\"a\":\"x\",\"b\":[2,{\"a\":0,\"z\":1}]},"
                + "\"comments\":[{\"author\":\"agent ada\",\"at\":\"2026-03-01T09:00:05Z\",\"text\":\"done\"}],"
                + "\"created_at\":\"2026-03-01T09:00:00Z\",\"updated_at\":\"2026-03-01T09:01:00Z\","
                + "\"completed_at\":\"2026-03-01T09:01:00Z\"}]}");
        TaskList back = TaskListJson.parse(json);
        assertThat(TaskListJson.format(back)).isEqualTo(json);
        assertThat(back.items().getFirst().metadataJson()).isEqualTo("{\"a\":\"x\",\"b\":[2,{\"a\":0,\"z\":1}]}");
        assertThat(back.settings()).isEqualTo(list.settings());
    }

    @Test
    void theEmptyListAndDefaults() {
        assertThat(TaskListJson.format(TaskList.EMPTY)).isEqualTo("{\"default_status\":\"pending\",\"display_limit\":20,\"items\":[]}");
        assertThat(TaskListJson.parse("{}")).isEqualTo(TaskList.EMPTY);
        assertThat(TaskListJson.parse("{\"items\":null,\"default_owner\":null,\"display_limit\":null}")).isEqualTo(TaskList.EMPTY);
        assertThat(TaskListJson.parse(TaskListJson.format(TaskList.EMPTY))).isEqualTo(TaskList.EMPTY);
    }

    @Test
    void bothEdgeRefFormsAndTheObjectFormParse() {
        String json = "{\"items\":[{\"id\":\"" + A + "\",\"subject\":\"x\",\"blocks\":[\"other\",\"other#" + B
                + "\",{\"block\":\"third\",\"task_item\":null},{\"block\":\"third\",\"task_item\":\"" + B + "\"}],"
                + "\"created_at\":\"2026-03-01T09:00:00Z\",\"updated_at\":\"2026-03-01T09:00:00Z\"}]}";
        assertThat(TaskListJson.parse(json).items().getFirst().blocks()).containsExactly(EdgeRef.block("other"),
                EdgeRef.item("other", B), EdgeRef.block("third"), EdgeRef.item("third", B));
    }

    @Test
    void aSelfEdgeRoundTrips() {
        TaskList list = new TaskList(TaskListSettings.DEFAULT, List.of(item(A, "loop", List.of(EdgeRef.item("me", A)))));
        assertThat(TaskListJson.parse(TaskListJson.format(list))).isEqualTo(list);
    }

    @Test
    void reorderingKeepsIds() {
        List<TaskItem> items = List.of(item(A, "first", List.of()), item(B, "second", List.of(EdgeRef.item("l", A))));
        List<TaskItem> reversed = new ArrayList<>(items);
        Collections.reverse(reversed);
        TaskList back = TaskListJson.parse(TaskListJson.format(new TaskList(TaskListSettings.DEFAULT, reversed)));
        assertThat(back.items()).extracting(TaskItem::id).containsExactly(B, A);
        assertThat(back.item(A)).contains(items.get(0));
        assertThat(back.item(B)).contains(items.get(1));
    }

    @Test
    void badEdgeRefsAreLocated() {
        String prefix = "{\"items\":[{\"id\":\"" + A + "\",\"subject\":\"x\",\"blocks\":[";
        assertThat(violation(prefix + "\"#" + B + "\"]}]}").getMessage()).isEqualTo("line 1, column " + (prefix.length() + 1)
                + " (items[0].blocks[0]): edge ref '#" + B + "': empty block handle at index 0");
        assertThat(violation(prefix + "\"ok\",\"h#\"]}]}").getMessage())
                .isEqualTo("line 1, column " + (prefix.length() + 6) + " (items[0].blocks[1]): edge ref 'h#': empty item id at index 2");
        assertThat(violation(prefix + "\"\"]}]}").location()).isEqualTo("line 1, column " + (prefix.length() + 1)
                + " (items[0].blocks[0])");
        assertThat(violation(prefix + "\"a b\"]}]}").reason()).startsWith("edge ref 'a b': block handle 'a b' is not a block label");
        assertThat(violation(prefix + "\"l#nope\"]}]}").reason())
                .isEqualTo("edge ref 'l#nope': bad item id at index 2: task id 'nope' must be 13 characters, was 4");
        assertThat(violation(prefix + "7]}]}").reason()).startsWith("an edge ref is \"handle\", \"handle#item\"");
        assertThat(violation(prefix + "{\"task_item\":\"" + B + "\"}]}]}").reason()).isEqualTo("the edge ref has no block");
    }

    @Test
    void errorsNameLineColumnAndPath() {
        String json = """
                {
                  "items": [
                    {"id": "%s", "subject": "ok", "created_at": "2026-03-01T09:00:00Z", "updated_at": "2026-03-01T09:00:00Z"},
                    {"id": "%s", "subject": "bad", "status": "done"}
                  ]
                }""".formatted(A, B);
        SchemaViolation e = violation(json);
        assertThat(e.location()).isEqualTo("line 4, column 57 (items[1].status)");
        assertThat(e.reason()).isEqualTo("unknown task status 'done' (expected pending, in-progress, blocked, completed or cancelled)");

        assertThat(violation("{\"items\": [}").getMessage()).startsWith("line 1, column 12: not valid JSON: ");
        assertThat(violation("[]").getMessage()).isEqualTo("line 1, column 1: a task list is a JSON object such as"
                + " {\"items\": []}, found an array");
        assertThat(violation("{\"itemz\":[]}").getMessage()).isEqualTo("line 1, column 10 (itemz): unknown field 'itemz'"
                + " (a task list has default_owner, default_status, display_limit, items)");
        assertThat(violation("{\"display_limit\":0}").reason()).isEqualTo("display_limit must be a whole number of at least 1,"
                + " found the number 0");
        assertThat(violation("{\"items\":[{\"id\":\"" + A + "\"}]}").getMessage())
                .isEqualTo("line 1, column 11 (items[0].subject): a task needs a non-blank subject");
        assertThat(violation("{\"items\":[{\"subject\":\"no id\"}]}").getMessage())
                .isEqualTo("line 1, column 11 (items[0].id): the task has no id");
        assertThat(violation("{\"items\":[{\"id\":\"\",\"subject\":\"x\"}]}").reason()).isEqualTo("task id is empty");
        assertThat(violation("{\"items\":[{\"id\":\"" + A + "\",\"subject\":\"x\",\"created_at\":\"yesterday\"}]}").reason())
                .isEqualTo("'yesterday' is not an ISO-8601 instant such as 2026-01-31T09:30:00Z");
        assertThat(violation("{\"items\":[{\"id\":\"" + A + "\",\"subject\":\"x\",\"colour\":\"red\"}]}").reason())
                .startsWith("unknown field 'colour' (a task has id, subject,");
        assertThat(violation("{\"items\":[],\"items\":[]}").reason()).isEqualTo("field 'items' appears twice");
        assertThat(violation("{} {}").reason()).isEqualTo("unexpected an object after the end of the task list");
        assertThat(violation("{\"items\":[{\"id\":\"" + A + "\",\"subject\":\"x\",\"metadata\":[1]}]}").reason())
                .isEqualTo("metadata must be a JSON object, found an array");
        assertThat(violation("{\"items\":[{\"id\":\"" + A + "\",\"subject\":\"x\",\"comments\":[{\"author\":\"a\","
                + "\"at\":\"2026-03-01T09:00:00Z\"}]}]}").reason()).isEqualTo("the comment has no text");
    }

    @Test
    void aRepeatedIdIsLocatedAtTheSecondItem() {
        String one = "{\"id\":\"" + A + "\",\"subject\":\"x\",\"created_at\":\"2026-03-01T09:00:00Z\",\"updated_at\":\"2026-03-01T09:00:00Z\"}";
        SchemaViolation e = violation("{\"items\":[" + one + "," + one + "]}");
        assertThat(e.getMessage()).isEqualTo("line 1, column " + (11 + one.length() + 1) + " (items[1]): task id " + A
                + " appears twice in the list");
    }

    @Test
    void aWriteFillsInNewItemsAndKeepsExistingOnes() {
        AtomicLong next = new AtomicLong(B.value());
        TaskListJson.Minting minting = new TaskListJson.Minting() {
            @Override
            public TaskId newId() {
                return new TaskId(next.getAndIncrement());
            }

            @Override
            public Instant now() {
                return T0.plusSeconds(99);
            }
        };
        String json = "{\"default_owner\":\"bo\",\"default_status\":\"blocked\",\"items\":[{\"subject\":\"new one\"},"
                + "{\"id\":\"" + A + "\",\"subject\":\"old\",\"created_at\":\"2026-03-01T09:00:00Z\","
                + "\"updated_at\":\"2026-03-01T09:00:00Z\"}]}";
        TaskList list = TaskListJson.parse(json, minting);
        TaskItem fresh = list.items().get(0);
        assertThat(fresh.id()).isEqualTo(B);
        assertThat(fresh.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(fresh.owner()).contains("bo");
        assertThat(fresh.createdAt()).isEqualTo(T0.plusSeconds(99));
        assertThat(fresh.updatedAt()).isEqualTo(T0.plusSeconds(99));
        TaskItem old = list.items().get(1);
        // an existing item keeps "no owner"; a missing status is the list default
        assertThat(old.owner()).isEmpty();
        assertThat(old.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(old.createdAt()).isEqualTo(T0);
        // and the stored form parses strictly
        assertThat(TaskListJson.parse(TaskListJson.format(list))).isEqualTo(list);
    }

    @Test
    void edgeRefHandlesMustBeLabels() {
        assertThat(TaskListJson.edgeRef("sprint/2026#" + A)).isEqualTo(EdgeRef.item("sprint/2026", A));
        assertThatThrownBy(() -> TaskListJson.edgeRef("-x")).hasMessageContaining("is not a block label");
    }
}
