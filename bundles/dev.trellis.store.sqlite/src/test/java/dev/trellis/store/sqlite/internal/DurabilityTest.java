package dev.trellis.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.store.StoreTransaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process-crash durability (issue 4): a child JVM ({@link DurabilityWriter}) commits writes and
 * acknowledges each after {@code inTransaction} returned; it is killed with SIGKILL
 * ({@link ProcessHandle#destroyForcibly()} on Linux) at random points, and after every kill the store is
 * reopened here and must hold every acknowledged write and pass SQLite's and FTS5's integrity checks.
 * SIGKILL keeps the OS page cache, so this proves durability across process crashes, not power loss.
 *
 * <p>The kill points come from a seeded {@link Random}; the seed is printed and can be replayed with
 * {@code -Dtrellis.durability.seed=<seed>}.
 */
class DurabilityTest {

    static final int KILLS = 24;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        long seed = Long.getLong("trellis.durability.seed", System.nanoTime());
        System.out.println("DurabilityTest seed=" + seed + " (replay with -Dtrellis.durability.seed=" + seed + ")");
        Random random = new Random(seed);
        Path file = dir.resolve("trellis.db");
        AckedWrites acked = new AckedWrites();
        int roundsWithAcks = 0;
        for (int round = 1; round <= KILLS; round++) {
            // mostly a few acknowledged writes, sometimes none (killed while starting, opening or migrating)
            int killAfterAcks = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(40);
            long extraMillis = random.nextInt(killAfterAcks == 0 ? 400 : 15);
            int before = acked.size();
            Run run = runAndKill(file, killAfterAcks, extraMillis, acked, round);
            if (acked.size() > before) {
                roundsWithAcks++;
            }
            try (SqliteDatabase db = Fixtures.open(file)) {
                assertThat(acked.problems(db)).as("round %d (seed %d): acknowledged writes after SIGKILL; child stderr:%n%s",
                        round, seed, run.stderr()).isEmpty();
                assertThat(AckedWrites.integrityProblems(db)).as("round %d (seed %d): integrity after SIGKILL", round, seed)
                        .isEmpty();
            }
        }
        System.out.println("DurabilityTest: " + KILLS + " kills, " + acked.size() + " acknowledged writes checked, "
                + roundsWithAcks + " rounds with acknowledged writes");
        assertThat(roundsWithAcks).as("rounds that acknowledged writes before the kill").isGreaterThanOrEqualTo(KILLS / 2);
    }

    /** End of the child's output (compared by identity). */
    private static final String EOF = new String("EOF");

    private record Run(int exitCode, String stderr) {
    }

    private Run runAndKill(Path file, int killAfterAcks, long extraMillis, AckedWrites acked, int round)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = dir.resolve("child-" + round + ".err");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                DurabilityWriter.class.getName(), file.toString())
                .redirectError(stderr.toFile());
        Process child = pb.start();
        // one reader drains stdout to EOF (the pipe closes when the child dies), so no line is lost
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon().name("durability-child-" + round).start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    queue.add(line);
                }
            } catch (IOException e) {
                queue.add("IOERROR " + e);
            }
            queue.add(EOF);
        });
        List<String> lines = new ArrayList<>();
        try {
            int seen = 0;
            boolean eof = false;
            while (seen < killAfterAcks && !eof) {
                String line = queue.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("round %d: no output from the writer for 60 s", round).isNotNull();
                if (line == EOF) {
                    eof = true;
                } else {
                    lines.add(line);
                    seen += line.startsWith("ACK ") ? 1 : 0;
                }
            }
            // a timed wait on the child itself: it returns early only if the child died on its own (checked next)
            child.waitFor(extraMillis, TimeUnit.MILLISECONDS);
            assertThat(child.isAlive()).as("round %d: the writer died before it was killed; stdout %s, stderr:%n%s", round,
                    lines, Files.readString(stderr)).isTrue();
            // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the stdout
            // pipe and drop ACK lines the child wrote just before it died
            assertThat(child.toHandle().destroyForcibly()).as("SIGKILL sent").isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exits after SIGKILL").isTrue();
            reader.join(Duration.ofSeconds(30));
            // lines the child printed before it died are acknowledged writes too
            for (String line = queue.poll(); line != null && line != EOF; line = queue.poll()) {
                lines.add(line);
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(lines).as("round %d: reading the writer's output", round).noneMatch(l -> l.startsWith("IOERROR"));
        assertThat(child.exitValue()).as("round %d: exit status of a SIGKILLed JVM (128 + 9)", round).isEqualTo(137);
        lines.stream().filter(l -> l.startsWith("ACK ")).forEach(acked::add);
        return new Run(child.exitValue(), Files.readString(stderr));
    }

    /** The check above is not vacuous: it names a lost block, a lost update, a lost archival entry. */
    @Test
    void theCheckerFlagsALostWrite() throws SQLException {
        Path file = dir.resolve("lost.db");
        AckedWrites acked = new AckedWrites();
        try (SqliteDatabase db = Fixtures.open(file)) {
            db.inTransaction((StoreTransaction tx) -> {
                tx.blocks().insert(Fixtures.block(DurabilityWriter.SCOPE, "counter", "2", 3));
                tx.history().append(DurabilityWriter.COUNTER, new dev.trellis.api.memory.HistoryEntry(3, "set", Fixtures.ADA,
                        Fixtures.T0, "2"));
                tx.blocks().insert(Fixtures.block(DurabilityWriter.SCOPE, "b1", "w1 u2", 2));
                tx.blocks().insert(Fixtures.block(DurabilityWriter.SCOPE, "b2", "w2", 1));
                tx.archival().insert(DurabilityWriter.SCOPE, "entry 1", java.util.Optional.empty());
                tx.archival().insert(DurabilityWriter.SCOPE, "entry 2", java.util.Optional.empty());
                return null;
            });
            acked.add("ACK 1 1 2");
            acked.add("ACK 2 2 3");
            assertThat(acked.problems(db)).isEmpty();
            assertThat(AckedWrites.integrityProblems(db)).isEmpty();

            // lose write 2: its block, its update of b1 and its archival entry
            db.inTransaction((StoreTransaction tx) -> {
                tx.blocks().delete(BlockAddress.of(DurabilityWriter.SCOPE, "b2"));
                tx.blocks().update(Fixtures.block(DurabilityWriter.SCOPE, "b1", "w1", 3), 2);
                tx.archival().delete(2);
                return null;
            });
            assertThat(acked.problems(db)).containsExactly(
                    "write 2: block b1 is 'w1', expected 'w1 u2'",
                    "write 2: block b2 is missing",
                    "write 2: archival entry 2 is missing");

            // an index out of step with its rows is caught too
            db.inTransaction((StoreTransaction tx) -> {
                try (var s = ((SqliteTransaction) tx).connection().createStatement()) {
                    s.execute("INSERT INTO archival_fts (archival_fts, rowid, content) VALUES ('delete', 1, 'entry 1')");
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            assertThat(AckedWrites.integrityProblems(db)).singleElement().asString().contains("full-text index out of step");
        }
    }
}
