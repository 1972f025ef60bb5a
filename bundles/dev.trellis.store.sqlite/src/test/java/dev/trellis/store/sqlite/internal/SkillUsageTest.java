package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PERSONA;
import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.T0;
import static dev.trellis.store.sqlite.internal.Fixtures.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.store.SkillUsage;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import org.junit.jupiter.api.Test;

/** Skill usage statistics (V007) on a real file: counted per address, kept apart from the block. */
class SkillUsageTest extends OpenDatabaseTest {

    private static final BlockAddress FIX_AUTH = BlockAddress.of(PROJECT, "skills/fix-auth");

    private SkillUsage use(BlockAddress skill, String agent, int secondsAfterT0) {
        return db.inTransaction((StoreTransaction tx) -> tx.skillUsage().recordUse(skill, agent, T0.plusSeconds(secondsAfterT0)));
    }

    @Test
    void countsEveryUseAndKeepsTheLastUser() {
        assertThat(db.read((StoreTransaction tx) -> tx.skillUsage().find(FIX_AUTH))).isEmpty();
        assertThat(use(FIX_AUTH, "ada", 1)).isEqualTo(new SkillUsage(FIX_AUTH, 1, T0.plusSeconds(1), "ada"));
        assertThat(use(FIX_AUTH, "bob", 2)).isEqualTo(new SkillUsage(FIX_AUTH, 2, T0.plusSeconds(2), "bob"));
        assertThat(db.read((StoreTransaction tx) -> tx.skillUsage().find(FIX_AUTH)))
                .contains(new SkillUsage(FIX_AUTH, 2, T0.plusSeconds(2), "bob"));
    }

    @Test
    void theSameLabelInAnotherScopeIsAnotherSkill() {
        BlockAddress persona = BlockAddress.of(PERSONA, "skills/fix-auth");
        use(FIX_AUTH, "ada", 1);
        use(FIX_AUTH, "ada", 2);
        use(persona, "bob", 3);
        assertThat(db.read((StoreTransaction tx) -> tx.skillUsage().inScope(PROJECT)))
                .containsExactly(new SkillUsage(FIX_AUTH, 2, T0.plusSeconds(2), "ada"));
        assertThat(db.read((StoreTransaction tx) -> tx.skillUsage().inScope(PERSONA)))
                .containsExactly(new SkillUsage(persona, 1, T0.plusSeconds(3), "bob"));
    }

    @Test
    void inScopeIsOrderedByLabel() {
        BlockAddress b = BlockAddress.of(PROJECT, "skills/b");
        BlockAddress a = BlockAddress.of(PROJECT, "skills/a");
        use(b, "ada", 1);
        use(a, "ada", 2);
        assertThat(db.read((StoreTransaction tx) -> tx.skillUsage().inScope(PROJECT)))
                .extracting(SkillUsage::skill).containsExactly(a, b);
    }

    @Test
    void loadingDoesNotTouchTheBlockAndStatsOutliveIt() {
        insert(block(PROJECT, "skills/fix-auth", Schema.SKILL, "---\nname: fix-auth\n---\n\nbody", 1));
        var before = db.read((StoreTransaction tx) -> tx.blocks().find(FIX_AUTH)).orElseThrow();
        for (int i = 0; i < 100; i++) {
            use(FIX_AUTH, "ada", i);
        }
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(FIX_AUTH))).contains(before);
        db.inTransaction((StoreTransaction tx) -> tx.blocks().delete(FIX_AUTH));
        assertThat(db.read((StoreTransaction tx) -> tx.skillUsage().find(FIX_AUTH))).get()
                .extracting(SkillUsage::useCount).isEqualTo(100L);
    }

    @Test
    void aFailedTransactionCountsNothing() {
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> {
            tx.skillUsage().recordUse(FIX_AUTH, "ada", T0);
            throw new IllegalStateException("the caller failed after counting");
        })).hasMessage("the caller failed after counting");
        assertThat(db.read((StoreTransaction tx) -> tx.skillUsage().find(FIX_AUTH))).isEmpty();
    }

    @Test
    void writesNeedAWriteTransactionAndAnAgent() {
        assertThatThrownBy(() -> db.read((StoreTransaction tx) -> tx.skillUsage().recordUse(FIX_AUTH, "ada", T0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not allowed in a read transaction");
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> tx.skillUsage().recordUse(FIX_AUTH, " ", T0)))
                .hasMessage("agentId is blank");
    }

    @Test
    void aCorruptRowIsReportedAsCorrupt() {
        db.inTransaction((StoreTransaction tx) -> {
            try (var s = ((SqliteTransaction) tx).connection().createStatement()) {
                s.execute("INSERT INTO skill_usage VALUES ('local:trellis', 'skills/x', 1, 'not a time', 'ada')");
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        assertThatThrownBy(() -> db.read((StoreTransaction tx) -> tx.skillUsage().inScope(PROJECT)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CORRUPT))
                .hasMessageContaining("skill_usage row cannot be read");
    }
}
