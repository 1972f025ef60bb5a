package dev.trellis.skills.internal;

import static dev.trellis.skills.internal.SkillsFixture.skill;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skill tools: JSON shapes of reference §4, the load text as the result, errors the model can act on. */
class SkillToolsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SkillsFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new SkillsFixture(dir);
        f.firstParty("fix-auth.md", """
                ---
                name: fix-auth
                description: Repair login
                keywords: [auth]
                hooks: {on_load: [remind]}
                x-owner: team-a
                ---

                Rotate the key.
                """);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ToolResult call(Tool tool, String args) {
        return tool.invoke(new ToolCall("call-1", "ada", args));
    }

    private JsonNode json(ToolResult r) throws Exception {
        assertThat(r.error()).as(r.content()).isFalse();
        return JSON.readTree(r.content());
    }

    @Test
    void listAndSearchReturnSkillInfos() throws Exception {
        JsonNode list = json(call(new SkillTools.ListSkills(f.core), "{}"));
        assertThat(list.toString()).isEqualTo("[{\"handle\":\"first-party/fix-auth\",\"name\":\"fix-auth\",\"description\":"
                + "\"Repair login\",\"trust_tier\":\"first-party\",\"keywords\":[\"auth\"],\"last_used\":null}]");
        JsonNode found = json(call(new SkillTools.Search(f.core), "{\"query\":\"rotate\",\"limit\":3}"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("handle").asText()).isEqualTo("first-party/fix-auth");
        assertThat(json(call(new SkillTools.Search(f.core), "{\"query\":\"zebra\"}"))).isEmpty();
    }

    @Test
    void metadataKeepsHooksAndExtrasAndIsNullForNoSkill() throws Exception {
        JsonNode m = json(call(new SkillTools.Metadata(f.core), "{\"handle\":\"first-party/fix-auth\"}"));
        assertThat(m.get("hooks").toString()).isEqualTo("{\"on_load\":[\"remind\"]}");
        assertThat(m.get("extras").toString()).isEqualTo("{\"x-owner\":\"team-a\"}");
        assertThat(m.get("trust_tier").asText()).isEqualTo("first-party");
        assertThat(call(new SkillTools.Metadata(f.core), "{\"handle\":\"nope\"}").content()).isEqualTo("null");
    }

    @Test
    void loadReturnsTheLoadedTextAndUsageCountsIt() throws Exception {
        ToolResult loaded = call(new SkillTools.Load(f.core), "{\"handle\":\"first-party/fix-auth\",\"scope\":\"local:p\"}");
        assertThat(loaded).isEqualTo(ToolResult.ok(
                "[skill:loaded] name=\"fix-auth\" trust_tier=\"first-party\"\n\nRotate the key.\n\n[skill:loaded:end]"));
        JsonNode usage = json(call(new SkillTools.Usage(f.core), "{\"handle\":\"first-party/fix-auth\"}"));
        assertThat(usage.get("use_count").asLong()).isEqualTo(1);
        assertThat(usage.get("last_used_by").asText()).isEqualTo("ada");
        JsonNode never = json(call(new SkillTools.Usage(f.core), "{\"handle\":\"ghost\"}"));
        assertThat(never.toString()).isEqualTo("{\"handle\":\"ghost\",\"use_count\":0,\"last_used\":null,\"last_used_by\":null}");
    }

    @Test
    void errorsAreResultsTheModelCanActOn() {
        assertThat(call(new SkillTools.Load(f.core), "{\"handle\":\"nope\"}")).isEqualTo(ToolResult.failure("skill 'nope' not found"));
        assertThat(call(new SkillTools.Load(f.core), "{}")).isEqualTo(ToolResult.failure("skill_load: missing string argument 'handle'"));
        assertThat(call(new SkillTools.Load(f.core), "[1]").content()).isEqualTo("skill_load: arguments must be a JSON object, got [1]");
        assertThat(call(new SkillTools.Load(f.core), "{").content()).startsWith("skill_load: arguments are not valid JSON");
        assertThat(call(new SkillTools.ListSkills(f.core), "{\"scope\":\"nowhere\"}").content())
                .isEqualTo("skill_list: scope 'nowhere' must be 'local:<project>' or 'global:<persona>'");
        assertThat(call(new SkillTools.Search(f.core), "{\"query\":\"x\",\"limit\":0}").content())
                .isEqualTo("skill_search: argument 'limit' must be an integer 1..200, got 0");
    }

    @Test
    void createMakesAnAdHocSkillOrSaysWhereTheTextIsWrong() throws Exception {
        ToolResult created = call(new SkillTools.Create(f.core), JSON.writeValueAsString(java.util.Map.of("scope", "local:p",
                "text", skill("scratch", "made by an agent", "do it"))));
        assertThat(created.content()).isEqualTo("created skill ad-hoc/scratch in local:p (trust tier ad-hoc); load it with"
                + " skill_load {\"handle\": \"ad-hoc/scratch\", \"scope\": \"local:p\"}");
        assertThat(json(call(new SkillTools.ListSkills(f.core), "{\"scope\":\"local:p\"}")).findValuesAsText("handle"))
                .isEqualTo(List.of("first-party/fix-auth", "ad-hoc/scratch"));
        ToolResult bad = call(new SkillTools.Create(f.core), "{\"text\":\"---\\nname: x\\n\"}");
        assertThat(bad).isEqualTo(ToolResult.failure("tool call call-1:1:1: the front matter opened on line 1 is never"
                + " closed: add a line '---' after it"));
    }

    @Test
    void descriptorsNameTheToolsAndTheirReach() throws Exception {
        List<Tool> tools = List.of(new SkillTools.ListSkills(f.core), new SkillTools.Metadata(f.core),
                new SkillTools.Load(f.core), new SkillTools.Search(f.core), new SkillTools.Usage(f.core),
                new SkillTools.Create(f.core));
        for (Tool t : tools) {
            assertThat(JSON.readTree(t.descriptor().inputSchema()).get("type").asText()).isEqualTo("object");
        }
        assertThat(tools)
                .extracting(t -> t.descriptor().name() + ":" + t.descriptor().capabilityClass())
                .containsExactly("skill_list:" + CapabilityClass.OBSERVE, "skill_metadata:OBSERVE", "skill_load:OBSERVE",
                        "skill_search:OBSERVE", "skill_usage:OBSERVE", "skill_create:MUTATE_INTERNAL");
    }
}
