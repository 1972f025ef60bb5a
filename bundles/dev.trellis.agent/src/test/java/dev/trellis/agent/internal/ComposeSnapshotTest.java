package dev.trellis.agent.internal;

import static dev.trellis.agent.internal.EngineFixture.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.agent.internal.testing.FakeGateway;
import dev.trellis.agent.internal.testing.Tools;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.Role;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.tool.ToolResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact text the model receives: system prompt and base instructions, the full snapshot of the
 * first turn, no snapshot when nothing changed, a delta for the agent's own edits, notices (with a
 * diff) for others' edits and deletes, and a notice between two model calls of one turn. Rendering is
 * the memory bundle's real {@code MemoryPromptsImpl} in UTC.
 */
class ComposeSnapshotTest extends EngineTest {

    static final Author SELF = new Author.Agent("ada");
    static final Author JOURNAL = new Author.Plugin(PluginId.of("dev.trellis.example.journal"));

    EngineFixture.Events events;
    int turns;

    @BeforeEach
    void start() {
        f.rt.memory.put("global:ada/persona", Tier.CORE, "I am Ada, a careful helper.", new Author.System("init"));
        f.rt.memory.put("local:garden/notes", Tier.WORKING, "tomatoes: 3\nbeans: 2", SELF);
        f.rt.memory.put("local:other/secret", Tier.WORKING, "not visible to ada", JOURNAL);
        f.agent("ada", props("system.prompt", "You look after the garden.", "project", "garden", "snapshot.full.every", 3));
        events = f.listen("ada");
    }


    private ChatRequest turn(String input) {
        f.console.submit(ADA, HUMAN, input);
        events.awaitTurns(++turns);
        return f.rt.gateway.requests.getLast();
    }

    private static List<String> texts(ChatMessage m) {
        return m.parts().stream().map(p -> ((ContentPart.Text) p).text()).toList();
    }

    @Test
    void systemPromptAndTheFirstTurnsFullSnapshot() {
        f.tool(Tools.ok("memory_get", "x"));
        f.tool(Tools.ok("hello", "x"));
        ChatRequest r = turn("How many tomatoes?");
        assertThat(r.system()).isEqualTo("""
                You look after the garden.

                Your memory is shown in <system-reminder> messages. [memory:current_state] is a snapshot of the \
                blocks you can see: a full one now and then, in between a delta that lists every block and shows \
                again only the blocks you changed. [memory:written], [memory:updated] and [memory:deleted] tell you \
                what someone else changed, with a diff. Read and change your memory with the memory tools; it stays \
                across conversations. An input that does not come from the person you talk with starts with \
                [message from <sender>].""");
        assertThat(r.tools()).extracting(t -> t.name()).containsExactly("hello", "memory_get");
        assertThat(r.model().toString()).isEqualTo("scripted/echo");
        assertThat(r.messages()).hasSize(2);
        assertThat(texts(r.messages().getLast())).containsExactly("How many tomatoes?");
        assertThat(r.messages().getFirst()).satisfies(m -> assertThat(texts(m)).containsExactly("""
                <system-reminder>
                [memory:current_state]

                <block:persona type="core" permission="Read, Append, Write">
                I am Ada, a careful helper.
                </block:persona>

                <block:notes type="working" permission="Read, Append, Write">
                tomatoes: 3
                beans: 2
                </block:notes>
                </system-reminder>"""));
    }

    @Test
    void nothingChangedMeansNoReminderAndTheHistoryIsRepeatedAsStored() {
        ChatRequest first = turn("one");
        ChatRequest second = turn("two");
        assertThat(second.messages()).hasSize(4);
        assertThat(second.messages().subList(0, 2)).isEqualTo(first.messages());
        assertThat(texts(second.messages().get(3))).containsExactly("two");
    }

    @Test
    void ownEditsComeAsADeltaAndOthersEditsAsNoticesWithADiff() {
        turn("one");
        f.rt.memory.put("local:garden/notes", Tier.WORKING, "tomatoes: 4\nbeans: 2", SELF);
        f.rt.memory.put("global:ada/persona", Tier.CORE, "I am Ada, a careful helper.\nI like beans.", JOURNAL);
        f.rt.memory.put("local:garden/weather", Tier.WORKING, "sunny", JOURNAL);
        ChatRequest r = turn("two");
        assertThat(texts(r.messages().getLast())).containsExactly("two");
        assertThat(texts(r.messages().get(r.messages().size() - 2))).containsExactly("""
                <system-reminder>
                [memory:current_state] delta: blocks you changed since your last snapshot
                blocks: global:ada/persona, local:garden/notes, local:garden/weather

                <block:notes type="working" permission="Read, Append, Write">
                tomatoes: 4
                beans: 2
                </block:notes>
                </system-reminder>""", """
                <system-reminder>
                [memory:updated] block 'global:ada/persona' (type: core, author: plugin dev.trellis.example.journal, at: 2026-03-04 05:06:07 Z (Wednesday))
                @@ -1 +1,2 @@
                 I am Ada, a careful helper.
                +I like beans.

                [memory:written] block 'local:garden/weather' (type: working, author: plugin dev.trellis.example.journal, at: 2026-03-04 05:06:07 Z (Wednesday))
                sunny
                </system-reminder>""");

        f.rt.memory.delete("local:garden/weather");
        ChatRequest third = turn("three");
        assertThat(texts(third.messages().getLast())).containsExactly("three");
        assertThat(texts(third.messages().get(third.messages().size() - 2))).containsExactly("""
                <system-reminder>
                [memory:deleted] block 'local:garden/weather' (type: working, author: unknown, at: 2026-03-04 05:06:07 Z (Wednesday))
                </system-reminder>""");
    }

    @Test
    void everyThirdTurnIsAFullSnapshotAgain() {
        turn("one");
        turn("two");
        ChatRequest third = turn("three");
        ChatRequest fourth = turn("four");
        assertThat(third.messages().get(third.messages().size() - 2).role()).isEqualTo(Role.ASSISTANT);
        assertThat(texts(fourth.messages().get(fourth.messages().size() - 2)).getFirst())
                .startsWith("<system-reminder>\n[memory:current_state]\n\n<block:persona");
    }

    @Test
    void aChangeByAnotherAuthorDuringTheTurnComesAfterTheToolResult() {
        f.tool(new Tools.Recording("water", dev.trellis.api.tool.CapabilityClass.OBSERVE, c -> {
            // someone else writes while the tool runs
            f.rt.memory.put("local:garden/notes", Tier.WORKING, "tomatoes: 3\nbeans: 2\nwatered", JOURNAL);
            return ToolResult.ok("watered");
        }));
        f.rt.gateway.then(FakeGateway.toolCall("c1", "water", "{}")).thenText("done");
        turn("water the garden");
        List<ChatMessage> second = f.rt.gateway.requests.getLast().messages();
        assertThat(second).extracting(ChatMessage::role).containsExactly(Role.USER, Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(texts(second.getLast())).containsExactly("""
                <system-reminder>
                [memory:updated] block 'local:garden/notes' (type: working, author: plugin dev.trellis.example.journal, at: 2026-03-04 05:06:07 Z (Wednesday))
                @@ -2 +2,2 @@
                 beans: 2
                +watered
                </system-reminder>""");
        // the next turn does not repeat what the notice already showed
        ChatRequest next = turn("next");
        assertThat(texts(next.messages().getLast())).containsExactly("next");
        assertThat(f.console.conversation(ADA, 20).stream().map(m -> m.role() + ":" + m.text()).collect(Collectors.joining("|")))
                .isEqualTo("USER:|USER:water the garden|ASSISTANT:|TOOL:|USER:|ASSISTANT:done|USER:next|ASSISTANT:echo: next");
    }
}
