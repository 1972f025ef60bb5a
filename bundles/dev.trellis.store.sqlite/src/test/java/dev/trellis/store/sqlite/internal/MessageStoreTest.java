package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PERSONA;
import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.model.Role;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.store.HistorySummary;
import dev.trellis.api.store.NewMessage;
import dev.trellis.api.store.QueuedMessage;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.store.StoredMessage;
import dev.trellis.api.store.TurnLogEntry;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Conversation history, turn log, summaries and the input queue of V008, with message search. */
class MessageStoreTest extends OpenDatabaseTest {

    static final Author HUMAN = new Author.Human("admin");

    private StoredMessage append(String agent, String turn, int seq, Role role, String text, Scope scope) {
        return db.inTransaction((StoreTransaction tx) -> tx.messages().append(new NewMessage(agent, turn, seq, role,
                role == Role.USER ? Optional.of(HUMAN) : Optional.empty(), scope, "[{\"text\":\"" + text + "\"}]", text,
                T0.plusSeconds(seq))));
    }

    @Test
    void messagesComeBackInOrderWithEveryField() {
        StoredMessage first = append("ada", "t1", 0, Role.USER, "hello there", PROJECT);
        StoredMessage second = append("ada", "t1", 1, Role.ASSISTANT, "hi, how can I help", PROJECT);
        append("bob", "t2", 0, Role.USER, "other agent", PROJECT);

        List<StoredMessage> active = db.read((StoreTransaction tx) -> tx.messages().active("ada"));
        assertThat(active).containsExactly(first, second);
        assertThat(second.id()).isGreaterThan(first.id());
        StoredMessage m = active.getFirst();
        assertThat(m.author()).contains(HUMAN);
        assertThat(m.scope()).isEqualTo(PROJECT);
        assertThat(m.contentJson()).isEqualTo("[{\"text\":\"hello there\"}]");
        assertThat(m.createdAt()).isEqualTo(T0);
        assertThat(active.get(1).author()).isEmpty();
        assertThat(db.read((StoreTransaction tx) -> tx.messages().count("ada", true))).isEqualTo(2);
    }

    @Test
    void aTurnCannotHoldTwoMessagesAtOnePosition() {
        append("ada", "t1", 0, Role.USER, "one", PROJECT);
        assertThatThrownBy(() -> append("ada", "t1", 0, Role.ASSISTANT, "two", PROJECT))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).reason()).isEqualTo(StoreException.Reason.CONSTRAINT))
                .hasMessageContaining("message 0 of turn t1").hasMessageContaining("already has a message at that position");
    }

    @Test
    void archivingLeavesMessagesSearchableButOutOfTheActiveHistory() {
        StoredMessage a = append("ada", "t1", 0, Role.USER, "the heron flew over the pond", PROJECT);
        append("ada", "t1", 1, Role.ASSISTANT, "a heron is a wading bird", PROJECT);
        StoredMessage c = append("ada", "t2", 0, Role.USER, "what about kestrels", PROJECT);

        int archived = db.inTransaction((StoreTransaction tx) -> tx.messages().archiveThrough("ada", a.id() + 1));
        assertThat(archived).isEqualTo(2);
        assertThat(db.read((StoreTransaction tx) -> tx.messages().active("ada"))).extracting(StoredMessage::id)
                .containsExactly(c.id());
        assertThat(db.read((StoreTransaction tx) -> tx.messages().newest("ada", 2))).extracting(StoredMessage::text)
                .containsExactly("a heron is a wading bird", "what about kestrels");
        assertThat(db.read((StoreTransaction tx) -> tx.messages().newest("ada", 5)).getFirst().archived()).isTrue();
        assertThat(db.read((StoreTransaction tx) -> tx.messages().count("ada", false))).isEqualTo(3);

        List<SearchHit> hits = db.read((StoreTransaction tx) -> tx.search().search(new SearchQuery("heron",
                EnumSet.of(ContentType.MESSAGE), List.of(PROJECT), 10)));
        assertThat(hits).extracting(SearchHit::kind).containsOnly(ContentType.MESSAGE);
        assertThat(hits).extracting(SearchHit::ref).containsExactlyInAnyOrder(Long.toString(a.id()), Long.toString(a.id() + 1));
        assertThat(hits.getFirst().snippet()).contains("**heron**");
        Fixtures.assertIndexesMatchRows(db);
        db.inTransaction((StoreTransaction tx) -> {
            try (var s = ((SqliteTransaction) tx).connection().createStatement()) {
                s.execute("INSERT INTO agent_messages_fts (agent_messages_fts, rank) VALUES ('integrity-check', 1)");
            } catch (java.sql.SQLException e) {
                throw new AssertionError("message index out of step: " + e.getMessage(), e);
            }
            return null;
        });
    }

    @Test
    void messagesRankTogetherWithBlocksAndArchivalAndFollowTheirScope() {
        insert(Fixtures.block(PROJECT, "birds", "osprey notes", 1));
        db.inTransaction((StoreTransaction tx) -> tx.archival().insert(PROJECT, "an osprey osprey osprey sighting", Optional.empty()));
        StoredMessage m = append("ada", "t1", 0, Role.USER, "did you see the osprey", PROJECT);
        append("ada", "t2", 0, Role.USER, "osprey in the persona scope", PERSONA);

        List<SearchHit> hits = db.read((StoreTransaction tx) -> tx.search().search(new SearchQuery("osprey",
                EnumSet.allOf(ContentType.class), List.of(PROJECT), 10)));
        assertThat(hits).extracting(SearchHit::kind)
                .containsExactlyInAnyOrder(ContentType.BLOCK, ContentType.ARCHIVAL, ContentType.MESSAGE);
        assertThat(hits.getFirst().kind()).isEqualTo(ContentType.ARCHIVAL);
        assertThat(hits).filteredOn(h -> h.kind() == ContentType.MESSAGE).extracting(SearchHit::ref)
                .containsExactly(Long.toString(m.id()));
        assertThat(db.read((StoreTransaction tx) -> tx.messages().scopesWithMessages())).containsExactly(PERSONA, PROJECT);
    }

    @Test
    void turnsAreLoggedNewestFirstWithTheirFigures() {
        TurnLogEntry t1 = new TurnLogEntry("t1", "ada", HUMAN, "hello", T0, T0.plusMillis(900), Optional.of("end_turn"),
                Optional.empty(), 2, 120, 40, 1000, 30);
        TurnLogEntry t2 = new TurnLogEntry("t2", "ada", new Author.Plugin(PluginId.of("org.example.notifier")), "ping",
                T0.plusSeconds(5), T0.plusSeconds(6), Optional.empty(), Optional.of("cancelled"), 1, 10, 0, 0, 0);
        db.inTransaction((StoreTransaction tx) -> {
            tx.messages().logTurn(t1);
            tx.messages().logTurn(t2);
            return null;
        });
        assertThat(db.read((StoreTransaction tx) -> tx.messages().turns("ada", 10))).containsExactly(t2, t1);
        assertThat(db.read((StoreTransaction tx) -> tx.messages().turns("ada", 1))).containsExactly(t2);
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> {
            tx.messages().logTurn(t1);
            return null;
        })).hasMessageContaining("that turn is already logged");
    }

    @Test
    void summariesChainToTheirPredecessor() {
        assertThat(db.read((StoreTransaction tx) -> tx.messages().latestSummary("ada"))).isEmpty();
        HistorySummary first = db.inTransaction((StoreTransaction tx) -> tx.messages().addSummary(
                new HistorySummary(0, "ada", "they talked about herons", 1, OptionalLong.empty(), 1, 10, 10, T0)));
        HistorySummary second = db.inTransaction((StoreTransaction tx) -> tx.messages().addSummary(
                new HistorySummary(0, "ada", "herons, then kestrels", 2, OptionalLong.of(first.id()), 11, 20, 20, T0)));
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(db.read((StoreTransaction tx) -> tx.messages().latestSummary("ada"))).contains(second);
    }

    @Test
    void theQueueKeepsOrderAndSurvivesReopening() {
        Author plugin = new Author.Plugin(PluginId.of("dev.trellis.example.notifier"));
        QueuedMessage q1 = db.inTransaction((StoreTransaction tx) -> tx.messageQueue().enqueue("ada", "t1", HUMAN, "first"));
        QueuedMessage q2 = db.inTransaction((StoreTransaction tx) -> tx.messageQueue().enqueue("ada", "t2", plugin, "second"));
        db.inTransaction((StoreTransaction tx) -> tx.messageQueue().enqueue("bob", "t3", HUMAN, "for bob"));
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> tx.messageQueue().enqueue("ada", "t1", HUMAN, "x")))
                .hasMessageContaining("that turn id is already queued");

        db.close();
        db = Fixtures.open(dir.resolve("trellis.db"));
        assertThat(db.read((StoreTransaction tx) -> tx.messageQueue().pending("ada"))).containsExactly(q1, q2);
        assertThat(db.read((StoreTransaction tx) -> tx.messageQueue().agentsWithPending())).containsExactly("ada", "bob");
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.messageQueue().remove("t1"))).isTrue();
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.messageQueue().remove("t1"))).isFalse();
        assertThat(db.read((StoreTransaction tx) -> tx.messageQueue().pending("ada"))).containsExactly(q2);
    }

    @Test
    void aFailedTransactionQueuesNothing() {
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> {
            tx.messageQueue().enqueue("ada", "t1", HUMAN, "lost");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(db.read((StoreTransaction tx) -> tx.messageQueue().pending("ada"))).isEmpty();
    }
}
