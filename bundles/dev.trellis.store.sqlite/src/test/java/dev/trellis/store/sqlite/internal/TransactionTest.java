package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.store.StoreTransaction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TransactionTest extends OpenDatabaseTest {


    private List<String> found(String text) {
        return db.read((StoreTransaction tx) -> tx.search().search(Fixtures.query(text)))
                .stream().map(h -> h.ref()).toList();
    }

    @Test
    void rollbackUndoesRowsAndTheirIndexTogether() {
        db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().insert(block(PROJECT, "notes", "alpha", 1));
            return null;
        });
        var failure = new IllegalStateException("work failed on purpose");
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().insert(block(PROJECT, "other", "gamma", 1));
            tx.blocks().update(block(PROJECT, "notes", "beta", 2), 1);
            tx.archival().insert(PROJECT, "delta", Optional.empty());
            // inside the transaction the index already follows the rows
            assertThat(tx.search().search(Fixtures.query("beta OR gamma OR delta")))
                    .hasSize(3);
            throw failure;
        })).isSameAs(failure);

        assertThat(found("alpha")).containsExactly("notes");
        assertThat(found("beta")).isEmpty();
        assertThat(found("gamma")).isEmpty();
        assertThat(found("delta")).isEmpty();
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.ALL))).hasSize(1);
        Fixtures.assertIndexesMatchRows(db);
    }

    @Test
    void uncommittedWritesAreInvisibleToOtherReaders() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        var writer = CompletableFuture.runAsync(() -> db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().insert(block(PROJECT, "notes", "pending words", 1));
            written.countDown();
            await(checked);
            return null;
        }));
        await(written);
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(BlockAddress.of(PROJECT, "notes")))).isEmpty();
        assertThat(found("pending")).isEmpty();
        checked.countDown();
        writer.get(10, TimeUnit.SECONDS);
        assertThat(found("pending")).containsExactly("notes");
    }

    @Test
    void nestedTransactionsJoinTheOuterOneAndFailIndividually() {
        db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().insert(block(PROJECT, "outer", "outer words", 1));
            int inner = db.inTransaction((StoreTransaction inner2) -> {
                assertThat(inner2.blocks().find(BlockAddress.of(PROJECT, "outer"))).isPresent();
                inner2.blocks().insert(block(PROJECT, "inner", "inner words", 1));
                return 42;
            });
            assertThat(inner).isEqualTo(42);
            assertThatThrownBy(() -> db.inTransaction((StoreTransaction failing) -> {
                failing.blocks().insert(block(PROJECT, "undone", "undone words", 1));
                throw new IllegalArgumentException("inner failure");
            })).hasMessage("inner failure");
            // a nested read sees the outer transaction's uncommitted state but cannot write
            assertThat(db.read((StoreTransaction r) -> r.blocks().list(ListFilter.ALL))).hasSize(2);
            assertThatThrownBy(() -> db.read((StoreTransaction r) -> {
                r.blocks().delete(BlockAddress.of(PROJECT, "outer"));
                return null;
            })).isInstanceOf(IllegalStateException.class);
            return null;
        });
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().list(ListFilter.ALL))).extracting(m -> m.address().label())
                .containsExactly("inner", "outer");
    }

    @Test
    void aWriteCannotStartInsideARead() {
        assertThatThrownBy(() -> db.read((StoreTransaction tx) -> db.inTransaction((StoreTransaction inner) -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a read transaction");
    }

    @Test
    void aTransactionCannotBeUsedAfterItsWorkReturned() {
        AtomicReference<StoreTransaction> leaked = new AtomicReference<>();
        db.inTransaction((StoreTransaction tx) -> {
            leaked.set(tx);
            return null;
        });
        assertThatThrownBy(() -> leaked.get().blocks()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after its work returned");
        var blocks = db.read((StoreTransaction tx) -> tx.blocks());
        assertThatThrownBy(() -> blocks.list(ListFilter.ALL)).isInstanceOf(IllegalStateException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
