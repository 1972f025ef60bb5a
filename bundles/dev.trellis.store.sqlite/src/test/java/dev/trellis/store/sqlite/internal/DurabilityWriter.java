package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.store.StoreTransaction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Child process of {@link DurabilityTest}: opens the store on {@code args[0]} and commits numbered
 * writes until it is killed, printing {@code ACK <n> <archival id> <counter revision>} only after
 * {@code inTransaction} returned (the commit is acknowledged). Write {@code n} inserts block
 * {@code b<n>}, appends to {@code b<n-1>} (an update), inserts {@code tmp<n>} and soft-deletes
 * {@code tmp<n-1>}, inserts archival entry {@code entry <n>} (so every FTS trigger runs) and raises
 * the {@code counter} block to content {@code n} with a history entry. It resumes after the last
 * committed write, which it reads from {@code counter}. It exits when its stdin closes, so it never
 * outlives the test.
 */
public final class DurabilityWriter {

    static final Scope SCOPE = Scope.local("durability");
    static final BlockAddress COUNTER = BlockAddress.of(SCOPE, "counter");

    private DurabilityWriter() {
    }

    public static void main(String[] args) {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; only EOF matters
                }
            } catch (IOException e) {
                // treated as EOF
            }
            Runtime.getRuntime().halt(3);
        });
        PrintStream out = System.out;
        try (SqliteDatabase db = SqliteDatabase.open(new SqliteDatabase.Settings(Path.of(args[0]), Duration.ofSeconds(10), 1))) {
            long last = db.inTransaction((StoreTransaction tx) -> {
                Optional<Block> counter = tx.blocks().find(COUNTER);
                if (counter.isEmpty()) {
                    tx.blocks().insert(Fixtures.block(SCOPE, "counter", "0", 1));
                    return 0L;
                }
                return Long.parseLong(counter.get().content());
            });
            out.println("READY " + last);
            out.flush();
            for (long n = last + 1; ; n++) {
                long[] ids = write(db, n);
                out.println("ACK " + n + " " + ids[0] + " " + ids[1]);
                out.flush();
            }
        }
    }

    private static long[] write(SqliteDatabase db, long n) {
        return db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().insert(Fixtures.block(SCOPE, "b" + n, "w" + n, 1));
            if (n > 1) {
                Block previous = tx.blocks().find(BlockAddress.of(SCOPE, "b" + (n - 1))).orElseThrow();
                require(tx.blocks().update(Fixtures.block(SCOPE, "b" + (n - 1), previous.content() + " u" + n, 2), 1),
                        "update b" + (n - 1));
                require(tx.blocks().delete(BlockAddress.of(SCOPE, "tmp" + (n - 1))), "delete tmp" + (n - 1));
            }
            tx.blocks().insert(Fixtures.block(SCOPE, "tmp" + n, "scratch " + n, 1));
            long archival = tx.archival().insert(SCOPE, "entry " + n, Optional.of("{\"n\":" + n + "}")).id();
            Block counter = tx.blocks().find(COUNTER).orElseThrow();
            long revision = counter.revision() + 1;
            require(tx.blocks().update(Fixtures.block(SCOPE, "counter", Long.toString(n), revision), counter.revision()),
                    "update counter");
            tx.history().append(COUNTER, new HistoryEntry(revision, "set", Fixtures.ADA, Fixtures.T0, Long.toString(n)));
            if (n % 25 == 0) {
                tx.history().trim(COUNTER, 50);
            }
            return new long[] {archival, revision};
        });
    }

    private static void require(boolean done, String what) {
        if (!done) {
            throw new IllegalStateException(what + " found nothing to change: the store lost a committed write");
        }
    }
}
