package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.DurabilityWriter.COUNTER;
import static dev.trellis.store.sqlite.internal.DurabilityWriter.SCOPE;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.store.StoreTransaction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The writes {@link DurabilityWriter} acknowledged, and the check that a store still holds them all. */
final class AckedWrites {

    record Ack(long n, long archivalId, long counterRevision) {
    }

    private final TreeMap<Long, Ack> acks = new TreeMap<>();

    /** Records an {@code ACK n archivalId counterRevision} line. @throws IllegalArgumentException for other lines */
    void add(String line) {
        String[] p = line.split(" ");
        if (p.length != 4 || !p[0].equals("ACK")) {
            throw new IllegalArgumentException("not an ACK line: '" + line + "'");
        }
        Ack ack = new Ack(Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
        if (acks.put(ack.n(), ack) != null) {
            throw new IllegalArgumentException("write " + ack.n() + " acknowledged twice");
        }
    }

    int size() {
        return acks.size();
    }

    /** Every acknowledged write that the store does not show as committed, in words; empty if none. */
    List<String> problems(SqliteDatabase db) {
        return db.read((StoreTransaction tx) -> {
            List<String> out = new ArrayList<>();
            for (Ack a : acks.values()) {
                long n = a.n();
                Optional<Block> b = tx.blocks().find(BlockAddress.of(SCOPE, "b" + n));
                if (b.isEmpty()) {
                    out.add("write " + n + ": block b" + n + " is missing");
                } else if (acks.containsKey(n + 1) && !b.get().content().equals("w" + n + " u" + (n + 1))) {
                    out.add("write " + (n + 1) + ": block b" + n + " is '" + b.get().content() + "', expected 'w" + n + " u" + (n + 1) + "'");
                } else if (!b.get().content().startsWith("w" + n)) {
                    out.add("write " + n + ": block b" + n + " is '" + b.get().content() + "'");
                }
                if (acks.containsKey(n + 1) && tx.blocks().find(BlockAddress.of(SCOPE, "tmp" + n)).isPresent()) {
                    out.add("write " + (n + 1) + ": block tmp" + n + " was not deleted");
                }
                Optional<ArchivalEntry> e = tx.archival().find(a.archivalId());
                if (e.isEmpty() || !e.get().content().equals("entry " + n)) {
                    out.add("write " + n + ": archival entry " + a.archivalId() + " is " + e.map(ArchivalEntry::content).orElse("missing"));
                }
            }
            if (!acks.isEmpty()) {
                Ack last = acks.lastEntry().getValue();
                Optional<Block> counter = tx.blocks().find(COUNTER);
                if (counter.isEmpty() || counter.get().revision() < last.counterRevision()
                        || Long.parseLong(counter.get().content()) < last.n()) {
                    out.add("write " + last.n() + ": counter is " + counter.map(c -> c.content() + " at revision " + c.revision())
                            .orElse("missing") + ", expected >= " + last.n() + " at revision >= " + last.counterRevision());
                } else {
                    List<HistoryEntry> newest = tx.history().newest(COUNTER, 1);
                    if (newest.isEmpty() || newest.getFirst().revision() != counter.get().revision()) {
                        out.add("counter revision " + counter.get().revision() + " has no history entry (newest: " + newest + ")");
                    }
                }
            }
            return out;
        });
    }

    /** {@code PRAGMA integrity_check} and FTS5's own integrity-check on both indexes; empty if all is well. */
    static List<String> integrityProblems(SqliteDatabase db) {
        List<String> out = new ArrayList<>(db.read((StoreTransaction tx) -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = ((SqliteTransaction) tx).connection().createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            } catch (SQLException e) {
                rows.add("integrity_check failed: " + e.getMessage());
            }
            return rows.equals(List.of("ok")) ? List.<String>of() : rows;
        }));
        try {
            Fixtures.assertIndexesMatchRows(db);
        } catch (AssertionError e) {
            out.add(e.getMessage());
        }
        return out;
    }
}
