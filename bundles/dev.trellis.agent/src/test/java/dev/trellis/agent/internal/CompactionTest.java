package dev.trellis.agent.internal;

import static dev.trellis.agent.internal.EngineFixture.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.agent.internal.testing.FakeGateway;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.store.HistorySummary;
import dev.trellis.api.store.StoreTransaction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compaction when the history outgrows the budget: truncation archives the oldest whole turns,
 * recursive summarisation puts a model-written summary (folding in the previous one) in their place,
 * a failed summary falls back to truncation; archived messages stay searchable and the next snapshot
 * is full again.
 */
class CompactionTest extends EngineTest {

    /** ~100 tokens per input at 4 chars/token. */
    static final String LONG = "x".repeat(400);

    EngineFixture.Events events;
    int turns;

    @BeforeEach
    void start() {
        f.rt.memory.put("global:ada/persona", Tier.CORE, "I am Ada.", new Author.System("init"));
    }


    /** Budget 2000 - 1000 = 1000 tokens; compaction keeps 50 % (500); at least 4 messages. */
    void agent(String strategy) {
        f.agent("ada", props("compaction.strategy", strategy, "context.window.tokens", 2000, "compaction.reserve.tokens", 1000,
                "compaction.keep.percent", 50, "compaction.min.messages", 4));
        events = f.listen("ada");
    }

    ChatRequest turn(String input) {
        f.console.submit(ADA, HUMAN, input);
        events.awaitTurns(++turns);
        return f.rt.gateway.requests.getLast();
    }

    @Test
    void truncationArchivesTheOldestTurnsAndTheNextSnapshotIsFull() {
        agent("truncate");
        for (int i = 0; i < 5; i++) {
            turn("turn " + i + " " + LONG);
        }
        // each turn: ~100 + ~102 tokens; the 6th compose sees ~1000 + system > budget
        ChatRequest r = turn("turn 5");
        List<String> users = r.messages().stream().filter(m -> m.role() == dev.trellis.api.model.Role.USER)
                .map(m -> ((ContentPart.Text) m.parts().getLast()).text()).toList();
        assertThat(users.getFirst()).doesNotStartWith("turn 0");
        assertThat(users.getLast()).isEqualTo("turn 5");
        assertThat(((ContentPart.Text) r.messages().get(r.messages().size() - 2).parts().getFirst()).text())
                .startsWith("<system-reminder>\n[memory:current_state]\n\n<block:persona");
        List<ConversationMessage> all = f.console.conversation(ADA, 100);
        long archived = all.stream().filter(ConversationMessage::archived).count();
        assertThat(archived).isGreaterThan(0);
        // whole turns only: no turn has messages on both sides
        java.util.Set<String> archivedTurns = all.stream().filter(ConversationMessage::archived).map(ConversationMessage::turnId)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(all.stream().filter(m -> !m.archived()).map(ConversationMessage::turnId)).doesNotContainAnyElementsOf(archivedTurns);
        assertThat(f.rt.log.lines).anyMatch(l -> l.startsWith("INFO agent ada: history compacted (truncate), " + archived
                + " messages archived"));
        // whole turns: the first message kept is a user message
        assertThat(r.messages().getFirst().role()).isEqualTo(dev.trellis.api.model.Role.USER);
        // archived messages are still in the store and searchable
        // 6 turns of input and answer, plus the first turn's and the post-compaction snapshots
        assertThat(f.rt.store.read((StoreTransaction tx) -> tx.messages().count("ada", false))).isEqualTo(14);
    }

    @Test
    void summarisationPutsTheSummaryFirstAndFoldsInThePreviousOne() {
        agent("summarize");
        for (int i = 0; i < 5; i++) {
            turn("turn " + i + " " + LONG);
        }
        f.rt.gateway.thenText("Ada and the admin talked about turns 0 to 2.");
        ChatRequest r = turn("turn 5");
        ChatRequest summariser = f.rt.gateway.requests.get(f.rt.gateway.requests.size() - 2);
        assertThat(summariser.system()).startsWith("You keep the running summary of a conversation");
        assertThat(summariser.tools()).isEmpty();
        String transcript = ((ContentPart.Text) summariser.messages().getFirst().parts().getFirst()).text();
        assertThat(transcript).startsWith("Conversation to add:\nuser: turn 0 ").doesNotContain("system-reminder")
                .contains("assistant: echo: turn 0 ");
        ChatMessage first = r.messages().getFirst();
        String summaryText = ((ContentPart.Text) first.parts().getFirst()).text();
        HistorySummary stored = f.rt.store.read((StoreTransaction tx) -> tx.messages().latestSummary("ada")).orElseThrow();
        assertThat(summaryText).isEqualTo("<system-reminder>\n[history:summary] " + stored.messageCount()
                + " earlier messages, summarised:\nAda and the admin talked about turns 0 to 2.\n</system-reminder>");
        assertThat(stored.depth()).isEqualTo(1);
        assertThat(stored.previousId()).isEmpty();

        for (int i = 6; i < 9; i++) {
            turn("turn " + i + " " + LONG);
        }
        f.rt.gateway.thenText("A longer story, now up to turn 6.");
        turn("turn 9");
        HistorySummary second = f.rt.store.read((StoreTransaction tx) -> tx.messages().latestSummary("ada")).orElseThrow();
        assertThat(second.depth()).isEqualTo(2);
        assertThat(second.previousId()).hasValue(stored.id());
        assertThat(second.firstMessageId()).isEqualTo(stored.firstMessageId());
        assertThat(second.messageCount()).isGreaterThan(stored.messageCount());
        String secondTranscript = ((ContentPart.Text) f.rt.gateway.requests.get(f.rt.gateway.requests.size() - 2).messages()
                .getFirst().parts().getFirst()).text();
        assertThat(secondTranscript).startsWith("Previous summary:\nAda and the admin talked about turns 0 to 2.\n\nConversation to add:");
    }

    @Test
    void aFailedSummaryFallsBackToTruncation() {
        agent("summarize");
        for (int i = 0; i < 5; i++) {
            turn("turn " + i + " " + LONG);
        }
        f.rt.gateway.then(new FakeGateway.Failure(List.of(), new ModelError.Overloaded("scripted")));
        ChatRequest r = turn("turn 5");
        assertThat(f.rt.store.read((StoreTransaction tx) -> tx.messages().latestSummary("ada"))).isEqualTo(Optional.empty());
        assertThat(f.rt.log.lines).anyMatch(l -> l.startsWith("WARN agent ada: the summary for compaction failed (scripted is overloaded)"));
        assertThat(f.console.conversation(ADA, 100).stream().filter(ConversationMessage::archived).count()).isGreaterThan(0);
        assertThat(((ContentPart.Text) r.messages().getFirst().parts().getLast()).text()).doesNotStartWith("turn 0");
    }

    @Test
    void aMessageCapKeepsTheHistoryShortWhateverItsSize() {
        f.agent("ada", props("compaction.strategy", "truncate", "context.window.tokens", 200000, "compaction.min.messages", 1,
                "compaction.max.messages", 10, "compaction.keep.percent", 60));
        events = f.listen("ada");
        for (int i = 0; i < 12; i++) {
            ChatRequest r = turn("short " + i);
            // the first turn adds a snapshot message: at most 10 before compaction runs, plus this turn's input
            assertThat(r.messages().size()).isLessThanOrEqualTo(11);
        }
        long active = f.console.conversation(ADA, 100).stream().filter(m -> !m.archived()).count();
        assertThat(active).isBetween(6L, 10L);
    }

    @Test
    void belowTheMinimumOrTheBudgetNothingHappens() {
        f.agent("ada", props("compaction.strategy", "truncate", "context.window.tokens", 200000));
        events = f.listen("ada");
        for (int i = 0; i < 4; i++) {
            turn("turn " + i + " " + LONG);
        }
        assertThat(f.console.conversation(ADA, 100)).noneMatch(ConversationMessage::archived);
        // the first turn's snapshot, then input and answer per turn, then the fourth input
        assertThat(f.rt.gateway.requests.getLast().messages()).hasSize(8);
    }
}
