package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PERSONA;
import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockStoreTest extends OpenDatabaseTest {


    @Test
    void insertThenFindReturnsEveryFieldUnchanged() {
        var meta = new BlockMetadata(BlockAddress.of(PERSONA, "persona/voice.v2"), Tier.CORE, Schema.MAP, "how I talk",
                120, Permission.APPEND, true, Fixtures.T0, Fixtures.T0.plusNanos(1),
                new Author.Plugin(new PluginId("org.example.sync")));
        var block = new Block(meta, "{\"tone\":\"dry\"}", 7, Fixtures.sha256("{\"tone\":\"dry\"}"));
        insert(block);
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(block.address()))).contains(block);
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(BlockAddress.of(PROJECT, "persona/voice.v2")))).isEmpty();
    }

    @Test
    void insertingTwiceAtOneAddressIsAConstraintError() {
        insert(block(PROJECT, "notes", "one", 1));
        assertThatThrownBy(() -> insert(block(PROJECT, "notes", "two", 1)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CONSTRAINT))
                .hasMessageContaining("already exists at local:trellis/notes");
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(BlockAddress.of(PROJECT, "notes")))).get()
                .extracting(Block::content).isEqualTo("one");
    }

    @Test
    void updateAppliesOnlyAtTheExpectedRevision() {
        insert(block(PROJECT, "notes", "v1", 1));
        boolean stale = db.inTransaction((StoreTransaction tx) -> tx.blocks().update(block(PROJECT, "notes", "from a stale writer", 2), 5));
        assertThat(stale).isFalse();
        boolean fresh = db.inTransaction((StoreTransaction tx) -> tx.blocks().update(block(PROJECT, "notes", "v2", 2), 1));
        assertThat(fresh).isTrue();
        var stored = db.read((StoreTransaction tx) -> tx.blocks().find(BlockAddress.of(PROJECT, "notes"))).orElseThrow();
        assertThat(stored.content()).isEqualTo("v2");
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.blocks().update(block(PROJECT, "missing", "x", 2), 1))).isFalse();
    }

    @Test
    void listFiltersAndOrdersByScopeThenLabel() {
        insert(block(PROJECT, "b", "x", 1), block(PROJECT, "a/one", "x", 1), block(PROJECT, "a_two", "x", 1),
                block(PERSONA, "z", Schema.LOG, "[]", 1));
        List<String> all = db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.ALL)).stream()
                .map(m -> m.address().toString()).toList();
        assertThat(all).containsExactly("global:@ada/z", "local:trellis/a/one", "local:trellis/a_two", "local:trellis/b");
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.in(PROJECT).withLabelPrefix("a/"))))
                .extracting(m -> m.address().label()).containsExactly("a/one");
        // '_' is literal in a prefix (no LIKE wildcards)
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.ALL.withLabelPrefix("a_"))))
                .extracting(m -> m.address().label()).containsExactly("a_two");
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.ALL.withSchema(Schema.LOG))))
                .extracting(m -> m.address().label()).containsExactly("z");
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.ALL.withTier(Tier.CORE)))).isEmpty();
    }

    @Test
    void softDeletedBlocksAreGoneFromFindListAndUpdateButTheAddressCanBeReused() {
        insert(block(PROJECT, "notes", "old words", 1));
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.blocks().delete(BlockAddress.of(PROJECT, "notes")))).isTrue();
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.blocks().delete(BlockAddress.of(PROJECT, "notes")))).isFalse();
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(BlockAddress.of(PROJECT, "notes")))).isEmpty();
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.ALL))).isEmpty();
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.blocks().update(block(PROJECT, "notes", "x", 2), 1))).isFalse();

        insert(block(PROJECT, "notes", "new words", 5));
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(BlockAddress.of(PROJECT, "notes")))).get()
                .extracting(Block::content).isEqualTo("new words");
    }

    @Test
    void writesInAReadTransactionAreRefused() {
        assertThatThrownBy(() -> db.read((StoreTransaction tx) -> {
            tx.blocks().insert(block(PROJECT, "notes", "x", 1));
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("read transaction");
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.ALL))).isEmpty();
    }

    @Test
    void scopesAreListedDistinctSortedAndOnlyForLiveBlocksOrEntries() {
        Scope gone = Scope.local("gone");
        Scope archivalOnly = Scope.global("@archivist");
        insert(block(PROJECT, "a", "x", 1), block(PROJECT, "b", "y", 1), block(PERSONA, "c", "z", 1),
                block(gone, "d", "w", 1));
        db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().delete(BlockAddress.of(gone, "d"));
            tx.archival().insert(archivalOnly, "an old note", java.util.Optional.empty());
            tx.archival().insert(PROJECT, "another", java.util.Optional.empty());
            return null;
        });
        db.read((StoreTransaction tx) -> {
            assertThat(tx.blocks().scopesWithBlocks()).containsExactly(PERSONA, PROJECT);
            assertThat(tx.archival().scopesWithEntries()).containsExactly(archivalOnly, PROJECT);
            return null;
        });
    }
}
