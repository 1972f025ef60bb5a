package dev.trellis.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.memory.internal.core.Hashes;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random op sequences on a text block against a plain model: content, revision (+1 per committed op,
 * unchanged by a failed one), hash, and undo/redo stacks (unbounded here: depth exceeds the ops).
 */
class OpSequencePropertyTest {

    static final BlockAddress A = BlockAddress.parse("local:p/prop");
    static final int LIMIT = 30;

    @Test
    void randomSequencesMatchTheModel() {
        for (long seed = 1; seed <= 40; seed++) {
            run(new Random(seed));
        }
    }

    private void run(Random r) {
        MemoryEngine engine = new MemoryEngine(new InMemoryStore(), 5000, 1000, Clock.systemUTC());
        MemoryService memory = new MemoryServiceImpl(engine, PluginId.of("prop"));
        memory.create(new BlockCreate(A, Tier.WORKING, Schema.TEXT, "", LIMIT, Permission.ADMIN, false, ""));
        String content = "";
        long revision = 1;
        Deque<String> done = new ArrayDeque<>();
        Deque<String> undone = new ArrayDeque<>();
        done.push(content);
        for (int step = 0; step < 60; step++) {
            int kind = r.nextInt(6);
            String word = Character.toString('a' + r.nextInt(3)).repeat(1 + r.nextInt(4));
            try {
                switch (kind) {
                    case 0 -> {
                        expect(memory.apply(A, new MemoryOp.Append(word)), content + word, ++revision);
                        content = content + word;
                        done.push(content);
                        undone.clear();
                    }
                    case 1 -> {
                        expect(memory.apply(A, new MemoryOp.Set(word)), word, ++revision);
                        content = word;
                        done.push(content);
                        undone.clear();
                    }
                    case 2 -> {
                        String next = content.replace(word.substring(0, 1), word);
                        boolean ok = content.contains(word.substring(0, 1)) && next.length() <= LIMIT;
                        MemoryOp op = new MemoryOp.Replace(word.substring(0, 1), word);
                        if (ok) {
                            expect(memory.apply(A, op), next, ++revision);
                            content = next;
                            done.push(content);
                            undone.clear();
                        } else {
                            assertThat(error(() -> memory.apply(A, op)))
                                    .isInstanceOfAny(MemoryError.CharLimitExceeded.class, MemoryError.InvalidOperation.class);
                        }
                    }
                    case 3 -> {
                        Optional<WriteResult> u = memory.undo(A);
                        assertThat(u.isPresent()).isEqualTo(done.size() > 1);
                        if (u.isPresent()) {
                            undone.push(done.pop());
                            content = done.peek();
                            expect(u.get(), content, ++revision);
                        }
                    }
                    case 4 -> {
                        Optional<WriteResult> re = memory.redo(A);
                        assertThat(re.isPresent()).isEqualTo(!undone.isEmpty());
                        if (re.isPresent()) {
                            content = undone.pop();
                            done.push(content);
                            expect(re.get(), content, ++revision);
                        }
                    }
                    default -> {
                        long stale = revision - 1 - r.nextInt(2);
                        if (stale >= 1 && stale != revision) {
                            long current = revision;
                            String cur = content;
                            assertThat(error(() -> memory.apply(A, new MemoryOp.Set(word), stale)))
                                    .isEqualTo(new MemoryError.Conflict(A, stale, current, cur));
                        }
                    }
                }
            } catch (MemoryException e) {
                switch (e.error()) {
                    case MemoryError.CharLimitExceeded c -> assertThat(c.attempted()).isGreaterThan(LIMIT);
                    default -> throw e;
                }
            }
            Block b = memory.read(A).orElseThrow();
            assertThat(b.content()).isEqualTo(content);
            assertThat(b.revision()).isEqualTo(revision);
            assertThat(b.contentHash()).isEqualTo(Hashes.sha256(content));
            BlockMetadata m = b.metadata();
            assertThat(memory.historyDepth(A).undo()).isEqualTo(done.size() - 1);
            assertThat(memory.historyDepth(A).redo()).isEqualTo(undone.size());
            assertThat(m.charLimit()).isEqualTo(LIMIT);
        }
    }

    private static void expect(WriteResult w, String content, long revision) {
        assertThat(w.revision()).isEqualTo(revision);
        assertThat(w.contentHash()).isEqualTo(Hashes.sha256(content));
    }

    private static MemoryError error(Runnable r) {
        try {
            r.run();
        } catch (MemoryException e) {
            return e.error();
        }
        throw new AssertionError("expected MemoryException");
    }
}
