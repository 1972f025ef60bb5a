package dev.trellis.tasks.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import dev.trellis.memory.internal.MemoryStackForTests;
import dev.trellis.store.sqlite.internal.SqliteDatabase;
import dev.trellis.tasks.internal.TaskEngine;
import dev.trellis.tasks.internal.TestTasks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task tools: JSON in, JSON out, every error a failure the model can act on, writes authored by the agent. */
class TaskToolsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SqliteDatabase db;
    MemoryStackForTests stack;
    MemoryService memory;
    TaskEngine engine;

    @BeforeEach
    void setUp() {
        db = SqliteDatabase.open(new SqliteDatabase.Settings(dir.resolve("trellis.db"), Duration.ofSeconds(10), 2));
        stack = new MemoryStackForTests(db, Clock.systemUTC());
        memory = stack.memoryFor("dev.trellis.tasks");
        engine = TestTasks.engine(stack, memory, db);
    }

    @AfterEach
    void tearDown() {
        stack.close();
        db.close();
    }

    ToolResult call(Tool tool, String args) {
        return tool.invoke(new ToolCall("c1", "ada", args));
    }

    JsonNode ok(Tool tool, String args) throws Exception {
        ToolResult r = call(tool, args);
        assertThat(r.error()).as("%s", r.content()).isFalse();
        return JSON.readTree(r.content());
    }

    String failure(Tool tool, String args) {
        ToolResult r = call(tool, args);
        assertThat(r.error()).as("%s", r.content()).isTrue();
        return r.content();
    }

    /** A call with the agent's binding (set by the agent runtime) runs in that agent's view: other projects are not there. */
    @Test
    void aBoundCallSeesOnlyTheAgentsView() throws Exception {
        var create = new TaskTools.Create(engine);
        ok(create, "{\"scope\":\"local:other\",\"list\":\"secret\",\"items\":[{\"subject\":\"hidden\"}]}");
        ScopeBinding ada = new ScopeBinding(new Scope.Global("ada"), Optional.of(new Scope.Local("p")), IsolationPolicy.FULL);
        ToolResult outside = new TaskTools.ListTasks(engine).invoke(new ToolCall("c1", "ada",
                "{\"scope\":\"local:other\",\"list\":\"secret\"}", Optional.of(ada)));
        assertThat(outside.error()).as("%s", outside.content()).isTrue();
        ToolResult inside = create.invoke(new ToolCall("c2", "ada",
                "{\"scope\":\"local:p\",\"list\":\"sprint\",\"items\":[{\"subject\":\"mine\"}]}", Optional.of(ada)));
        assertThat(inside.error()).as("%s", inside.content()).isFalse();
        assertThat(memory.read(BlockAddress.of(Scope.local("p"), "sprint")).orElseThrow().metadata().lastAuthor())
                .isEqualTo(new Author.Agent("ada"));
    }

    @Test
    void aRoundOfEveryTool() throws Exception {
        var create = new TaskTools.Create(engine);
        assertThat(create.descriptor().capabilityClass()).isEqualTo(CapabilityClass.MUTATE_INTERNAL);
        JsonNode made = ok(create, "{\"scope\":\"local:p\",\"list\":\"sprint\",\"items\":[{\"subject\":\"Write the spec\","
                + "\"active_form\":\"writing\"},{\"subject\":\"Review it\",\"owner\":\"bo\",\"metadata\":{\"size\":3}}]}");
        String write = made.get("created").get(0).asText();
        String review = made.get("created").get(1).asText();
        assertThat(write).startsWith("sprint#");
        assertThat(memory.read(BlockAddress.of(Scope.local("p"), "sprint")).orElseThrow().metadata().lastAuthor())
                .isEqualTo(new Author.Agent("ada"));

        JsonNode linked = ok(new TaskTools.Link(engine), "{\"scope\":\"local:p\",\"task\":\"" + write + "\",\"blocks\":\"" + review + "\"}");
        assertThat(linked.get("blocks").get(0).asText()).isEqualTo(review);

        JsonNode updated = ok(new TaskTools.Update(engine), "{\"scope\":\"local:p\",\"task\":\"" + review
                + "\",\"owner\":null,\"description\":\"carefully\"}");
        assertThat(updated.has("owner")).isFalse();
        assertThat(updated.get("description").asText()).isEqualTo("carefully");
        assertThat(updated.get("metadata").get("size").asInt()).isEqualTo(3);

        JsonNode moved = ok(new TaskTools.Transition(engine), "{\"scope\":\"local:p\",\"task\":\"" + write + "\",\"status\":\"completed\"}");
        assertThat(moved.get("completed_at").asText()).isNotEmpty();

        JsonNode commented = ok(new TaskTools.Comment(engine), "{\"scope\":\"local:p\",\"task\":\"" + review + "\",\"text\":\"on it\"}");
        assertThat(commented.get("comments").get(0).get("author").asText()).isEqualTo("agent ada");

        JsonNode listed = ok(new TaskTools.ListTasks(engine), "{\"scope\":\"local:p\",\"has_blockers\":true}");
        assertThat(listed.get("count").asInt()).isEqualTo(1);
        assertThat(listed.get("tasks").get(0).get("ref").asText()).isEqualTo(review);
        assertThat(listed.get("tasks").get(0).get("blocker_count").asInt()).isEqualTo(1);
        JsonNode byStatus = ok(new TaskTools.ListTasks(engine), "{\"scope\":\"local:p\",\"list\":\"sprint\",\"status\":[\"completed\"]}");
        assertThat(byStatus.get("tasks").get(0).get("ref").asText()).isEqualTo(write);

        JsonNode graph = ok(new TaskTools.Graph(engine), "{\"scope\":\"local:p\",\"root\":\"" + review + "\",\"direction\":\"reverse\"}");
        assertThat(graph.get("nodes")).hasSize(2);
        assertThat(graph.get("edges").get(0).get(0).asText()).isEqualTo(write);
        assertThat(graph.get("truncated").asBoolean()).isFalse();

        JsonNode unlinked = ok(new TaskTools.Unlink(engine), "{\"scope\":\"local:p\",\"task\":\"" + write + "\",\"blocks\":\"" + review + "\"}");
        assertThat(unlinked.get("blocks")).isEmpty();
    }

    @Test
    void failuresSayWhatToChange() throws Exception {
        var create = new TaskTools.Create(engine);
        String ref = ok(create, "{\"scope\":\"local:p\",\"list\":\"sprint\",\"items\":[{\"subject\":\"x\"}]}")
                .get("created").get(0).asText();
        assertThat(failure(create, "not json")).startsWith("task_create: the arguments are not valid JSON: ");
        assertThat(failure(create, "{\"scope\":\"local:p\",\"list\":\"sprint\"}"))
                .isEqualTo("task_create: argument 'items' must be a non-empty list of {\"subject\": …} objects");
        assertThat(failure(create, "{\"scope\":\"local:p\",\"list\":\"sprint\",\"items\":[{\"subject\":\"a\",\"status\":\"done\"}]}"))
                .isEqualTo("task_create: items[0]: argument 'status': unknown task status 'done' (expected pending,"
                        + " in-progress, blocked, completed or cancelled)");
        assertThat(failure(create, "{\"scope\":\"p\",\"list\":\"x\",\"items\":[{\"subject\":\"a\"}]}"))
                .isEqualTo("task_create: argument 'scope': scope 'p' must be 'local:<project>' or 'global:<persona>'");
        var transition = new TaskTools.Transition(engine);
        assertThat(failure(transition, "{\"scope\":\"local:p\",\"task\":\"sprint#\",\"status\":\"pending\"}"))
                .isEqualTo("task_transition: argument 'task': edge ref 'sprint#': empty item id at index 7");
        assertThat(failure(transition, "{\"scope\":\"local:p\",\"task\":\"sprint\",\"status\":\"pending\"}"))
                .isEqualTo("task_transition: 'sprint' names a task list; this call needs 'handle#item' (task refs look"
                        + " like sprint#0cq6v1x2m4k8p)");
        String ghost = "sprint#" + ref.substring(7, 19) + (ref.endsWith("0") ? "1" : "0");
        assertThat(failure(transition, "{\"scope\":\"local:p\",\"task\":\"" + ghost + "\",\"status\":\"pending\"}"))
                .isEqualTo("task_transition: task " + ghost + " not found (task_list with 'list' shows its tasks and their refs)");
        assertThat(failure(new TaskTools.ListTasks(engine), "{\"scope\":\"local:p\",\"list\":\"nope\"}"))
                .startsWith("task_list: task list 'nope' not found (task_list without 'list'");
        assertThat(failure(new TaskTools.ListTasks(engine), "{\"scope\":\"local:p\",\"keyword\":\"x AND\"}"))
                .startsWith("task_list: query 'x AND' is invalid: ");
        assertThat(failure(new TaskTools.Update(engine), "{\"scope\":\"local:p\",\"task\":\"" + ref + "\",\"subject\":null}"))
                .isEqualTo("task_update: argument 'subject' cannot be cleared (every task has a subject)");
        assertThat(failure(new TaskTools.Graph(engine), "{\"scope\":\"local:p\",\"root\":\"" + ref + "\",\"direction\":\"up\"}"))
                .isEqualTo("task_graph: argument 'direction' must be forward, reverse or both, got 'up'");
        assertThat(failure(new TaskTools.Graph(engine), "{\"scope\":\"local:p\",\"root\":\"" + ref + "\",\"max_nodes\":0}"))
                .isEqualTo("task_graph: argument 'max_nodes' must be 1..1000000, got 0");
    }

    @Test
    void everyToolHasAValidDescriptor() throws Exception {
        List<TaskTool> tools = List.of(new TaskTools.Create(engine), new TaskTools.Update(engine), new TaskTools.Transition(engine),
                new TaskTools.Comment(engine), new TaskTools.Link(engine), new TaskTools.Unlink(engine),
                new TaskTools.ListTasks(engine), new TaskTools.Graph(engine));
        for (TaskTool t : tools) {
            JsonNode schema = JSON.readTree(t.descriptor().inputSchema());
            assertThat(schema.get("type").asText()).isEqualTo("object");
            schema.get("required").forEach(r -> assertThat(schema.get("properties").has(r.asText()))
                    .as("%s requires %s", t.descriptor().name(), r).isTrue());
        }
        assertThat(tools).extracting(t -> t.descriptor().name()).containsExactly("task_create", "task_update",
                "task_transition", "task_comment", "task_link", "task_unlink", "task_list", "task_graph");
    }
}
