package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.T0;
import static dev.trellis.store.sqlite.internal.Fixtures.block;
import static dev.trellis.store.sqlite.internal.Fixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.store.StoreTransaction;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SharedBlocksTest extends OpenDatabaseTest {

    static final Scope ADA = Scope.global("ada");
    static final Scope BOB = Scope.global("bob");
    static final BlockAddress ADA_NOTES = BlockAddress.of(ADA, "notes");
    static final BlockAddress ADA_PLAN = BlockAddress.of(ADA, "plan");
    static final BlockAddress PROJECT_NOTES = BlockAddress.of(PROJECT, "notes");

    @BeforeEach
    void seed() {
        write((StoreTransaction tx) -> {
            tx.blocks().insert(block(ADA, "notes", "ada's notes", 1));
            tx.blocks().insert(block(ADA, "plan", "ada's plan", 1));
            tx.blocks().insert(block(PROJECT, "notes", "project notes", 1));
            return null;
        });
    }


    private <T> T write(Function<StoreTransaction, T> work) {
        return db.inTransaction(work::apply);
    }

    private <T> T read(Function<StoreTransaction, T> work) {
        return db.read(work::apply);
    }

    private static SharedBlock share(BlockAddress a, String agent, Permission p, long second) {
        return new SharedBlock(a, agent, p, T0.plusSeconds(second));
    }

    @Test
    void attachFindListAndReplace() {
        SharedBlock toBob = share(ADA_NOTES, "bob", Permission.READ_ONLY, 1);
        SharedBlock toCyd = share(ADA_NOTES, "cyd", Permission.APPEND, 2);
        SharedBlock planToBob = share(ADA_PLAN, "bob", Permission.READ_WRITE, 3);
        assertThat(write((StoreTransaction tx) -> tx.sharedBlocks().attach(toCyd) && tx.sharedBlocks().attach(toBob)
                && tx.sharedBlocks().attach(planToBob))).isTrue();

        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().find(ADA_NOTES, "bob"))).contains(toBob);
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().find(ADA_NOTES, "dan"))).isEmpty();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharesOf(ADA_NOTES))).containsExactly(toBob, toCyd);
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharedWith("bob"))).containsExactly(toBob, planToBob);
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharedWith("dan"))).isEmpty();

        // attaching again replaces permission and time, never duplicates
        SharedBlock again = share(ADA_NOTES, "bob", Permission.ADMIN, 9);
        assertThat(write((StoreTransaction tx) -> tx.sharedBlocks().attach(again))).isTrue();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharesOf(ADA_NOTES))).containsExactly(again, toCyd);
    }

    @Test
    void attachToAMissingBlockWritesNothing() {
        BlockAddress none = BlockAddress.of(ADA, "none");
        assertThat(write((StoreTransaction tx) -> tx.sharedBlocks().attach(share(none, "bob", Permission.READ_ONLY, 1)))).isFalse();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharedWith("bob"))).isEmpty();
        assertThat(write((StoreTransaction tx) -> tx.sharedBlocks().detach(none, "bob"))).isFalse();
    }

    @Test
    void detachRemovesOnlyThatAttachment() {
        write((StoreTransaction tx) -> tx.sharedBlocks().attach(share(ADA_NOTES, "bob", Permission.READ_ONLY, 1))
                && tx.sharedBlocks().attach(share(ADA_NOTES, "cyd", Permission.READ_ONLY, 1)));
        assertThat(write((StoreTransaction tx) -> tx.sharedBlocks().detach(ADA_NOTES, "bob"))).isTrue();
        assertThat(write((StoreTransaction tx) -> tx.sharedBlocks().detach(ADA_NOTES, "bob"))).isFalse();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharesOf(ADA_NOTES))).extracting(SharedBlock::agentId).containsExactly("cyd");
    }

    @Test
    void softDeletedBlocksLoseTheirSharesAndARecreatedBlockStartsWithNone() throws SQLException {
        write((StoreTransaction tx) -> tx.sharedBlocks().attach(share(ADA_NOTES, "bob", Permission.READ_ONLY, 1)));
        write((StoreTransaction tx) -> tx.blocks().delete(ADA_NOTES));
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharedWith("bob"))).isEmpty();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().find(ADA_NOTES, "bob"))).isEmpty();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("ada", "bob"))).isFalse();
        assertThat(write((StoreTransaction tx) -> tx.sharedBlocks().detach(ADA_NOTES, "bob"))).isFalse();

        write((StoreTransaction tx) -> {
            tx.blocks().insert(block(ADA, "notes", "new notes", 1));
            return null;
        });
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharesOf(ADA_NOTES))).isEmpty();
        // the row of the deleted block is still there (soft delete), only hidden
        assertThat(count("SELECT count(*) FROM shared_blocks")).isEqualTo(1);
    }

    @Test
    void hardDeletingABlockRowCascadesToItsShares() throws SQLException {
        write((StoreTransaction tx) -> tx.sharedBlocks().attach(share(ADA_NOTES, "bob", Permission.READ_ONLY, 1)));
        write((StoreTransaction tx) -> {
            try (var s = ((SqliteTransaction) tx).connection().createStatement()) {
                s.execute("DELETE FROM blocks WHERE scope = 'global:ada' AND label = 'notes'");
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        assertThat(count("SELECT count(*) FROM shared_blocks")).isZero();
    }

    @Test
    void hasSharedBlocksWithLooksBothWaysAtOwnedBlocksOnly() {
        write((StoreTransaction tx) -> {
            tx.blocks().insert(block(BOB, "todo", "bob's todo", 1));
            return null;
        });
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("ada", "bob"))).isFalse();
        write((StoreTransaction tx) -> tx.sharedBlocks().attach(share(ADA_NOTES, "bob", Permission.READ_ONLY, 1)));
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("ada", "bob"))).isTrue();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("bob", "ada"))).isTrue();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("ada", "cyd"))).isFalse();
        // a project block attached to cyd is owned by no agent: it links cyd to nobody
        write((StoreTransaction tx) -> tx.sharedBlocks().attach(share(PROJECT_NOTES, "cyd", Permission.READ_ONLY, 1)));
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("ada", "cyd"))).isFalse();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("trellis", "cyd"))).isFalse();
        // bob sharing with cyd does not link ada and cyd
        write((StoreTransaction tx) -> tx.sharedBlocks().attach(share(BlockAddress.of(BOB, "todo"), "cyd", Permission.READ_ONLY, 1)));
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("cyd", "bob"))).isTrue();
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("cyd", "ada"))).isFalse();
        // an id that cannot name a scope owns nothing (and is not an error)
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().hasSharedBlocksWith("not a scope id", "bob"))).isFalse();
    }

    @Test
    void writesAreRefusedInReadTransactionsAndBlankAgentsEverywhere() {
        assertThatThrownBy(() -> read((StoreTransaction tx) -> tx.sharedBlocks().attach(share(ADA_NOTES, "bob", Permission.READ_ONLY, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not allowed in a read transaction");
        assertThatThrownBy(() -> read((StoreTransaction tx) -> tx.sharedBlocks().sharedWith(" "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agentId is blank");
        assertThatThrownBy(() -> write((StoreTransaction tx) -> tx.sharedBlocks().attach(share(ADA_NOTES, "", Permission.READ_ONLY, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharesSurviveReopening() {
        SharedBlock s = share(ADA_NOTES, "bob", Permission.APPEND, 1);
        write((StoreTransaction tx) -> tx.sharedBlocks().attach(s));
        db.close();
        db = open(dir.resolve("trellis.db"));
        assertThat(read((StoreTransaction tx) -> tx.sharedBlocks().sharedWith("bob"))).containsExactly(s);
    }

    @Test
    void aVersion3FileIsMigratedAndItsBlocksCanBeShared() throws SQLException {
        Path old = dir.resolve("v3.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old); var s = c.createStatement()) {
            for (Migration m : Migrations.load().subList(0, 3)) {
                s.executeUpdate(m.sql());
            }
            s.execute("PRAGMA user_version = 3");
        }
        try (SqliteDatabase v3 = open(old)) {
            // migrated to the newest version (V004 added shared_blocks; later ones keep it)
            assertThat(v3.schemaVersion()).isEqualTo(Migrations.newest(Migrations.load()));
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old); var s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            assertThat(rs.next() && rs.getInt(1) == Migrations.newest(Migrations.load())).isTrue();
        }
        try (SqliteDatabase v4 = open(old)) {
            v4.inTransaction((StoreTransaction tx) -> {
                tx.blocks().insert(block(ADA, "notes", "x", 1));
                return tx.sharedBlocks().attach(share(ADA_NOTES, "bob", Permission.READ_ONLY, 1));
            });
            assertThat(v4.read((StoreTransaction tx) -> tx.sharedBlocks().sharedWith("bob"))).hasSize(1);
        }
    }

    private long count(String sql) throws SQLException {
        return read((StoreTransaction tx) -> {
            try (var s = ((SqliteTransaction) tx).connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }
}
