package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.ADA;
import static dev.trellis.store.sqlite.internal.Fixtures.PERSONA;
import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryArchivalTest extends OpenDatabaseTest {

    static final BlockAddress NOTES = BlockAddress.of(PROJECT, "notes");


    private static HistoryEntry entry(long revision) {
        return new HistoryEntry(revision, revision == 1 ? "create" : "append", revision % 2 == 0 ? ADA : new Author.Human("nat"),
                T0.plusSeconds(revision), "content " + revision);
    }

    @Test
    void historyAppendsNewestFirstAndTrims() {
        db.inTransaction((StoreTransaction tx) -> {
            for (long r = 1; r <= 6; r++) {
                tx.history().append(NOTES, entry(r));
            }
            tx.history().append(BlockAddress.of(PERSONA, "notes"), entry(1));
            return null;
        });
        assertThat(db.read((StoreTransaction tx) -> tx.history().newest(NOTES, 3))).containsExactly(entry(6), entry(5), entry(4));
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.history().trim(NOTES, 2))).isEqualTo(4);
        assertThat(db.read((StoreTransaction tx) -> tx.history().newest(NOTES, 10))).containsExactly(entry(6), entry(5));
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.history().trim(NOTES, 2))).isZero();
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.history().clear(NOTES))).isEqualTo(2);
        assertThat(db.read((StoreTransaction tx) -> tx.history().newest(NOTES, 10))).isEmpty();
        // other addresses are untouched
        assertThat(db.read((StoreTransaction tx) -> tx.history().newest(BlockAddress.of(PERSONA, "notes"), 10))).containsExactly(entry(1));
    }

    @Test
    void historyRefusesADuplicateRevisionAndBadLimits() {
        db.inTransaction((StoreTransaction tx) -> {
            tx.history().append(NOTES, entry(1));
            return null;
        });
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> {
            tx.history().append(NOTES, entry(1));
            return null;
        })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CONSTRAINT))
                .hasMessageContaining("local:trellis/notes revision 1");
        assertThatThrownBy(() -> db.read((StoreTransaction tx) -> tx.history().newest(NOTES, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void archivalInsertFindDelete() {
        ArchivalEntry first = db.inTransaction((StoreTransaction tx) -> tx.archival().insert(PROJECT, "met the team", Optional.of("{\"source\":\"chat\"}")));
        ArchivalEntry second = db.inTransaction((StoreTransaction tx) -> tx.archival().insert(PERSONA, "likes tea", Optional.empty()));
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(db.read((StoreTransaction tx) -> tx.archival().find(first.id()))).contains(first);
        assertThat(db.read((StoreTransaction tx) -> tx.archival().find(second.id()))).contains(second);

        assertThat(db.inTransaction((StoreTransaction tx) -> tx.archival().delete(first.id()))).isTrue();
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.archival().delete(first.id()))).isFalse();
        assertThat(db.read((StoreTransaction tx) -> tx.archival().find(first.id()))).isEmpty();
        // ids are never reused
        ArchivalEntry third = db.inTransaction((StoreTransaction tx) -> tx.archival().insert(PROJECT, "again", Optional.empty()));
        assertThat(third.id()).isGreaterThan(second.id());
    }

    @Test
    void archivalMetadataMustBeAJsonObject() {
        for (String bad : new String[] {"[1,2]", "not json", "42"}) {
            assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> tx.archival().insert(PROJECT, "x", Optional.of(bad))))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CONSTRAINT))
                    .hasMessageContaining("JSON object");
        }
    }
}
