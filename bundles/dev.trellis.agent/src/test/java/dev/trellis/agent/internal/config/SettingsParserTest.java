package dev.trellis.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.agent.AgentId;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.tool.CapabilityClass;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsParserTest {

    static final ModelId DEFAULT = ModelId.parse("scripted/echo");
    static final String FILE = "file:/srv/trellis/runtime-config/dev.trellis.agent-ada.config";

    static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static AgentSettings valid(String pid, Map<String, Object> props) {
        SettingsParser.Result r = SettingsParser.parse(pid, props, DEFAULT);
        assertThat(r).isInstanceOf(SettingsParser.Valid.class);
        return ((SettingsParser.Valid) r).settings();
    }

    static SettingsParser.Invalid invalid(String pid, Map<String, Object> props) {
        SettingsParser.Result r = SettingsParser.parse(pid, props, DEFAULT);
        assertThat(r).isInstanceOf(SettingsParser.Invalid.class);
        return (SettingsParser.Invalid) r;
    }

    @Test
    void defaultsFromTheConfigurationName() {
        AgentSettings s = valid("dev.trellis.agent~ada", props());
        var d = s.definition();
        assertThat(d.id()).isEqualTo(AgentId.of("ada"));
        assertThat(d.persona()).isEqualTo("ada");
        assertThat(d.model()).isEqualTo(DEFAULT);
        assertThat(s.modelNamed()).isFalse();
        assertThat(d.toolAllowList()).containsExactly("*");
        assertThat(d.capabilities()).containsExactlyInAnyOrder(CapabilityClass.OBSERVE, CapabilityClass.MUTATE_INTERNAL,
                CapabilityClass.COORDINATE);
        assertThat(d.isolation()).isEqualTo(IsolationPolicy.NONE);
        assertThat(d.project()).isEmpty();
        assertThat(d.groups()).isEmpty();
        assertThat(s.maxModelCalls()).isEqualTo(20);
        assertThat(s.toolTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.snapshotFullEvery()).isEqualTo(10);
        assertThat(s.compaction()).isEqualTo(AgentSettings.Compaction.DEFAULT);
        assertThat(s.queueLimit()).isEqualTo(1000);
    }

    @Test
    void typedValuesAsTheConsoleFormAndConfigFilesGiveThem() {
        AgentSettings s = valid("dev.trellis.agent.6f1c", props("name", "gardener", "persona", "@ada", "model", "openai/gpt-5-codex",
                "system.prompt", "Tend the garden.", "tools", new String[] {"memory_get", "hello"},
                "capabilities", new String[] {"observe", "mutate-internal"}, "isolation", "full", "project", "garden",
                "groups", new String[] {"crew"}, "max.model.calls", 5, "tool.timeout.ms", 2500L, "temperature", "0.3",
                "max.output.tokens", 800, "compaction.strategy", "truncate", "context.window.tokens", 32000,
                "initial.blocks", new String[] {"persona:core@persona=I am Ada.\\nI garden.", "notes=first"}));
        var d = s.definition();
        assertThat(d.id().value()).isEqualTo("gardener");
        assertThat(d.persona()).isEqualTo("@ada");
        assertThat(d.model()).isEqualTo(ModelId.parse("openai/gpt-5-codex"));
        assertThat(s.modelNamed()).isTrue();
        assertThat(d.systemPrompt()).isEqualTo("Tend the garden.");
        assertThat(d.toolAllowList()).containsExactlyInAnyOrder("memory_get", "hello");
        assertThat(d.capabilities()).containsExactlyInAnyOrder(CapabilityClass.OBSERVE, CapabilityClass.MUTATE_INTERNAL);
        assertThat(d.isolation()).isEqualTo(IsolationPolicy.FULL);
        assertThat(d.project()).contains("garden");
        assertThat(d.groups()).containsExactly("crew");
        assertThat(s.maxModelCalls()).isEqualTo(5);
        assertThat(s.toolTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.temperature()).isEqualTo(OptionalDouble.of(0.3));
        assertThat(s.maxOutputTokens().getAsInt()).isEqualTo(800);
        assertThat(s.compaction().strategy()).isEqualTo(AgentSettings.Strategy.TRUNCATE);
        assertThat(s.compaction().contextWindowTokens()).isEqualTo(32000);
        assertThat(d.initialBlocks()).extracting(BlockCreate::address, BlockCreate::tier, BlockCreate::content).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BlockAddress.parse("global:@ada/persona"), Tier.CORE, "I am Ada.\nI garden."),
                org.assertj.core.groups.Tuple.tuple(BlockAddress.parse("local:garden/notes"), Tier.WORKING, "first"));
        assertThat(d.binding().defaultScope().key()).isEqualTo("local:garden");
    }

    @Test
    void textValuesAsACfgFileGivesThem() {
        AgentSettings s = valid("dev.trellis.agent~ada", props("tools", "memory_get, hello", "capabilities", "observe,coordinate",
                "max.model.calls", "7", "groups", "crew,night-shift", "initial.blocks", "notes=a, b, c"));
        assertThat(s.definition().toolAllowList()).containsExactlyInAnyOrder("memory_get", "hello");
        assertThat(s.definition().capabilities()).containsExactlyInAnyOrder(CapabilityClass.OBSERVE, CapabilityClass.COORDINATE);
        assertThat(s.maxModelCalls()).isEqualTo(7);
        assertThat(s.definition().groups()).containsExactlyInAnyOrder("crew", "night-shift");
        assertThat(s.definition().initialBlocks()).singleElement().satisfies(b -> assertThat(b.content()).isEqualTo("a, b, c"));
    }

    @Test
    void everyBadKeyIsReportedWithTheFileAndTheKey() {
        SettingsParser.Invalid bad = invalid("dev.trellis.agent~ada", props(SettingsParser.FILE_PROPERTY, FILE,
                "isolation", "partial", "model", "gpt-4", "max.model.calls", "lots", "capabilities", "observe,fly",
                "tools", "ok_tool,bad tool", "temperature", "3", "compaction.strategy", "forget", "initial.blocks",
                new String[] {"notes", "x@project=y", "a:legend=z"}, "queue.limit", 0));
        assertThat(bad.id()).contains(AgentId.of("ada"));
        assertThat(bad.source()).isEqualTo("runtime-config/dev.trellis.agent-ada.config (pid dev.trellis.agent~ada)");
        assertThat(bad.problems()).containsExactly(
                "key 'model': model id 'gpt-4' must be 'provider/model'",
                "key 'initial.blocks': entry 'notes' has no '=' (expected label[:tier][@persona|@project]=content)",
                "key 'initial.blocks': entry 'x@project=y' names @project but the agent has no project",
                "key 'initial.blocks': unknown tier 'legend' (expected core or working)",
                "key 'tools': 'bad tool' is not a tool name ([A-Za-z0-9_-]{1,64}) or *",
                "key 'capabilities': unknown capability class 'fly' (expected observe, mutate_internal, mutate_external,"
                        + " coordinate or escape)",
                "key 'isolation': unknown isolation policy 'partial' (expected none, core-only or full)",
                "key 'max.model.calls': 'lots' is not a whole number",
                "key 'temperature': 3 is not in [0, 2]",
                "key 'compaction.strategy': unknown strategy 'forget' (expected summarize, truncate or none)",
                "key 'queue.limit': 0 is out of range 1..");
        assertThat(bad.message()).startsWith("runtime-config/dev.trellis.agent-ada.config (pid dev.trellis.agent~ada): key 'model'");
    }

    @Test
    void aConfigurationWithoutAName() {
        SettingsParser.Invalid bad = invalid("dev.trellis.agent.6f1c", props());
        assertThat(bad.id()).isEmpty();
        assertThat(bad.source()).isEqualTo("configuration dev.trellis.agent.6f1c");
        assertThat(bad.problems()).containsExactly("key 'name': missing: the configuration dev.trellis.agent.6f1c has no name"
                + " after '~', so set 'name' to the agent id");
        assertThat(invalid("dev.trellis.agent~Ada Lovelace", props()).problems()).containsExactly(
                "key 'name': agent id 'Ada Lovelace' must match [a-z0-9][a-z0-9_-]{0,63}");
    }

    @Test
    void initialBlockEscapes() {
        assertThat(InitialBlocks.unescape("a\\nb\\tc\\\\n\\q")).isEqualTo("a\nb\tc\\n\\q");
        BlockCreate big = InitialBlocks.parse("big=" + "x".repeat(6000), new dev.trellis.api.memory.Scope.Global("ada"),
                Optional.empty());
        assertThat(big.charLimit()).isEqualTo(6000);
        assertThat(Set.of(big.address().scope().key())).containsExactly("global:ada");
        assertThat(List.of(big.tier())).containsExactly(Tier.WORKING);
    }
}
