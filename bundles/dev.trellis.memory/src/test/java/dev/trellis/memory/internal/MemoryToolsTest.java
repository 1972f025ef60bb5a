package dev.trellis.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryToolsTest {

    final InMemoryStore store = new InMemoryStore();
    final MemoryEngine engine = new MemoryEngine(store, 40, 10, Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));
    final MemoryService plugin = new MemoryServiceImpl(engine, PluginId.of("org.example.p"));

    static ToolResult call(Tool tool, String json) {
        return tool.invoke(new ToolCall("c1", "ada", json));
    }

    @Test
    void createGetAppendReplaceSet() {
        assertThat(call(new MemoryTools.Create(engine), "{\"address\":\"local:p/notes\",\"content\":\"hello\",\"description\":\"Notes\"}"))
                .isEqualTo(ToolResult.ok("block local:p/notes is now at revision 1"));
        assertThat(call(new MemoryTools.Append(engine), "{\"address\":\"local:p/notes\",\"text\":\" world\"}"))
                .isEqualTo(ToolResult.ok("block local:p/notes is now at revision 2"));
        assertThat(call(new MemoryTools.Replace(engine), "{\"address\":\"local:p/notes\",\"old\":\"world\",\"new\":\"there\"}").error())
                .isFalse();
        assertThat(call(new MemoryTools.Get(engine), "{\"address\":\"local:p/notes\"}")).isEqualTo(ToolResult.ok("""
                <block:notes type="working" permission="Read, Append, Write">
                Notes

                hello there
                </block:notes>
                (revision 3, schema text, 11/40 chars)"""));
        assertThat(plugin.read(BlockAddress.parse("local:p/notes")).orElseThrow().metadata().lastAuthor())
                .isEqualTo(new Author.Agent("ada"));
        assertThat(call(new MemoryTools.Set(engine), "{\"address\":\"local:p/notes\",\"content\":\"x\",\"expected_revision\":1}"))
                .isEqualTo(ToolResult.failure("block local:p/notes is at revision 3, not 1"));
    }

    @Test
    void errorsAreFailureResultsWithClearMessages() {
        assertThat(call(new MemoryTools.Get(engine), "{\"address\":\"local:p/none\"}"))
                .isEqualTo(ToolResult.failure("block local:p/none does not exist"));
        assertThat(call(new MemoryTools.Get(engine), "{}"))
                .isEqualTo(ToolResult.failure("memory_get: missing string argument 'address'"));
        assertThat(call(new MemoryTools.Get(engine), "{\"address\":\"nowhere\"}"))
                .isEqualTo(ToolResult.failure("memory_get: block address 'nowhere' must be '<scope>/<label>'"));
        assertThat(call(new MemoryTools.Get(engine), "[1]"))
                .isEqualTo(ToolResult.failure("memory_get: arguments must be a JSON object, got [1]"));
        assertThat(call(new MemoryTools.Get(engine), "{").content()).startsWith("memory_get: arguments are not valid JSON: ");
        assertThat(call(new MemoryTools.Create(engine), "{\"address\":\"local:p/big\",\"content\":\"" + "x".repeat(41) + "\"}"))
                .isEqualTo(ToolResult.failure("block local:p/big holds at most 40 characters; the write needs 41"));
        assertThat(call(new MemoryTools.Set(engine), "{\"address\":\"local:p/a\",\"content\":1}"))
                .isEqualTo(ToolResult.failure("memory_set: argument 'content' must be a string, got 1"));
        assertThat(call(new MemoryTools.Replace(engine), "{\"address\":\"local:p/a\",\"old\":\"\",\"new\":\"x\"}"))
                .isEqualTo(ToolResult.failure("memory_replace: replace: oldText is empty"));
    }

    @Test
    void appendDispatchesOnSchemaAndSetFieldAndList() {
        call(new MemoryTools.Create(engine), "{\"address\":\"local:p/todo\",\"schema\":\"list\"}");
        call(new MemoryTools.Create(engine), "{\"address\":\"local:p/journal\",\"schema\":\"log\",\"char_limit\":500}");
        call(new MemoryTools.Create(engine), "{\"address\":\"local:p/me\",\"schema\":\"map\",\"tier\":\"core\"}");
        assertThat(call(new MemoryTools.Append(engine), "{\"address\":\"local:p/todo\",\"value\":{\"task\":\"milk\"}}").error()).isFalse();
        assertThat(call(new MemoryTools.Append(engine), "{\"address\":\"local:p/todo\",\"text\":\"eggs\"}").error()).isFalse();
        assertThat(plugin.read(BlockAddress.parse("local:p/todo")).orElseThrow().content()).isEqualTo("[{\"task\":\"milk\"},\"eggs\"]");
        assertThat(call(new MemoryTools.Append(engine), "{\"address\":\"local:p/journal\",\"text\":\"woke up\"}").error()).isFalse();
        assertThat(plugin.read(BlockAddress.parse("local:p/journal")).orElseThrow().content())
                .isEqualTo("[{\"at\":\"2026-05-01T10:00:00Z\",\"author\":\"agent ada\",\"message\":\"woke up\"}]");
        assertThat(call(new MemoryTools.SetField(engine), "{\"address\":\"local:p/me\",\"field\":\"age\",\"value\":36}").error()).isFalse();
        assertThat(plugin.read(BlockAddress.parse("local:p/me")).orElseThrow().content()).isEqualTo("{\"age\":36}");
        assertThat(call(new MemoryTools.ListBlocks(engine), "{\"scope\":\"local:p\",\"tier\":\"working\"}"))
                .isEqualTo(ToolResult.ok("local:p/journal (working, log)\nlocal:p/todo (working, list)"));
        assertThat(call(new MemoryTools.ListBlocks(engine), "{\"schema\":\"skill\"}")).isEqualTo(ToolResult.ok("no blocks match"));
    }

    @Test
    void search() {
        plugin.create(BlockCreate.text(BlockAddress.parse("local:p/notes"), "", "tea time"));
        plugin.apply(BlockAddress.parse("local:p/notes"), new MemoryOp.Append("!"));
        assertThat(call(new MemoryTools.Search(engine), "{\"query\":\"tea\"}"))
                .isEqualTo(ToolResult.ok("block local:p/notes (score 1.00): tea time!"));
        assertThat(call(new MemoryTools.Search(engine), "{\"query\":\"coffee\",\"scope\":\"local:p\"}"))
                .isEqualTo(ToolResult.ok("no matches"));
        assertThat(call(new MemoryTools.Search(engine), "{\"query\":\"tea\",\"limit\":0}"))
                .isEqualTo(ToolResult.failure("memory_search: search limit must be 1..200, was 0"));
        assertThat(call(new MemoryTools.Search(engine), "{\"query\":\"\\\"tea\"}"))
                .isEqualTo(ToolResult.failure("query '\"tea' is invalid: BAD_QUERY: unterminated string"));
    }

    @Test
    void aCallWithTheAgentsBindingRunsInItsIsolationView() {
        plugin.create(BlockCreate.text(BlockAddress.parse("global:ada/persona"), "", "I am Ada"));
        plugin.create(BlockCreate.text(BlockAddress.parse("local:other/secret"), "", "not for ada"));
        ScopeBinding full = new ScopeBinding(new Scope.Global("ada"), Optional.of(new Scope.Local("p")), IsolationPolicy.FULL);
        ScopeBinding none = new ScopeBinding(new Scope.Global("ada"), Optional.of(new Scope.Local("p")), IsolationPolicy.NONE);

        // outside the binding: absent, whatever the policy
        assertThat(new MemoryTools.Get(engine).invoke(new ToolCall("c", "ada", "{\"address\":\"local:other/secret\"}",
                Optional.of(none)))).isEqualTo(ToolResult.failure("block local:other/secret does not exist"));
        // full isolation hides the persona and refuses writes to it; none shows it
        assertThat(new MemoryTools.Get(engine).invoke(new ToolCall("c", "ada", "{\"address\":\"global:ada/persona\"}",
                Optional.of(full)))).isEqualTo(ToolResult.failure("block global:ada/persona does not exist"));
        assertThat(new MemoryTools.Create(engine).invoke(new ToolCall("c", "ada",
                "{\"address\":\"global:ada/more\",\"content\":\"x\"}", Optional.of(full))).error()).isTrue();
        assertThat(plugin.read(BlockAddress.parse("global:ada/more"))).isEmpty();
        assertThat(new MemoryTools.Get(engine).invoke(new ToolCall("c", "ada", "{\"address\":\"global:ada/persona\"}",
                Optional.of(none))).content()).contains("I am Ada");
        // project writes work under full isolation and are authored by the agent
        assertThat(new MemoryTools.Create(engine).invoke(new ToolCall("c", "ada",
                "{\"address\":\"local:p/notes\",\"content\":\"x\"}", Optional.of(full))))
                .isEqualTo(ToolResult.ok("block local:p/notes is now at revision 1"));
        assertThat(plugin.read(BlockAddress.parse("local:p/notes")).orElseThrow().metadata().lastAuthor())
                .isEqualTo(new Author.Agent("ada"));
        // search stays inside the binding
        assertThat(new MemoryTools.Search(engine).invoke(new ToolCall("c", "ada", "{\"query\":\"ada\"}",
                Optional.of(full)))).isEqualTo(ToolResult.ok("no matches"));
    }

    /** The tool.name service property bnd generated (in target/classes/OSGI-INF) equals the descriptor name. */
    @Test
    void descriptorsMatchServiceNames() throws Exception {
        Tool[] tools = {new MemoryTools.Get(engine), new MemoryTools.ListBlocks(engine), new MemoryTools.Create(engine),
                new MemoryTools.Set(engine), new MemoryTools.Append(engine), new MemoryTools.Replace(engine),
                new MemoryTools.SetField(engine), new MemoryTools.Search(engine)};
        for (Tool t : tools) {
            String xml;
            try (var in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/" + t.getClass().getName() + ".xml")) {
                assertThat(in).as("component XML of " + t.getClass().getName()).isNotNull();
                xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertThat(xml).contains("name=\"tool.name\"").contains("value=\"" + t.descriptor().name() + "\"")
                    .contains("interface=\"dev.trellis.api.tool.Tool\"");
            assertThat(MemoryTool.JSON.readTree(t.descriptor().inputSchema()).isObject()).isTrue();
        }
    }
}
