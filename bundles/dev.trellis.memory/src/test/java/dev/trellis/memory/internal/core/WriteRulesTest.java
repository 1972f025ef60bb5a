package dev.trellis.memory.internal.core;

import static dev.trellis.memory.internal.core.ContentOpsTest.A;
import static dev.trellis.memory.internal.core.ContentOpsTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.trellis.api.memory.Access;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WriteRulesTest {

    static final Author PLUGIN = new Author.Plugin(PluginId.of("p"));

    @ParameterizedTest
    @EnumSource(Permission.class)
    void pluginFollowsTheLadder(Permission p) {
        for (Access a : Access.values()) {
            if (p.compareTo(a.required()) >= 0) {
                assertThatCode(() -> WriteRules.checkPermission(A, p, a, PLUGIN)).doesNotThrowAnyException();
            } else {
                assertThat(error(() -> WriteRules.checkPermission(A, p, a, PLUGIN)))
                        .isEqualTo(new MemoryError.PermissionDenied(A, a, p));
            }
        }
    }

    @Test
    void deniedMessageNamesBothLevels() {
        assertThat(error(() -> WriteRules.checkPermission(A, Permission.APPEND, Access.OVERWRITE, PLUGIN)).message())
                .isEqualTo("block local:p/notes is append; overwrite needs read_write");
    }

    @Test
    void systemSkipsAndHumanMayWriteHumanBlocks() {
        assertThatCode(() -> WriteRules.checkPermission(A, Permission.READ_ONLY, Access.DELETE, new Author.System("migration")))
                .doesNotThrowAnyException();
        Author human = new Author.Human("ann");
        assertThatCode(() -> WriteRules.checkPermission(A, Permission.HUMAN, Access.OVERWRITE, human)).doesNotThrowAnyException();
        assertThatCode(() -> WriteRules.checkPermission(A, Permission.PARTNER, Access.APPEND, human)).doesNotThrowAnyException();
        assertThat(error(() -> WriteRules.checkPermission(A, Permission.HUMAN, Access.DELETE, human)))
                .isInstanceOf(MemoryError.PermissionDenied.class);
        assertThat(error(() -> WriteRules.checkPermission(A, Permission.READ_ONLY, Access.APPEND, human)))
                .isInstanceOf(MemoryError.PermissionDenied.class);
        assertThat(error(() -> WriteRules.checkPermission(A, Permission.HUMAN, Access.APPEND, new Author.Agent("ada"))))
                .isInstanceOf(MemoryError.PermissionDenied.class);
    }

    @Test
    void staleNonCommutingOpConflictsWithCurrentState() {
        Instant t = Instant.EPOCH;
        Block current = new Block(new BlockMetadata(A, Tier.WORKING, Schema.TEXT, "", 100, Permission.DEFAULT, false, t, t,
                PLUGIN), "now", 5, Hashes.sha256("now"));
        assertThat(error(() -> WriteRules.checkRevision(current, new MemoryOp.Set("x"), OptionalLong.of(4))))
                .isEqualTo(new MemoryError.Conflict(A, 4, 5, "now"));
        assertThat(error(() -> WriteRules.checkRevision(current, new MemoryOp.Replace("n", "x"), OptionalLong.of(6))))
                .isEqualTo(new MemoryError.Conflict(A, 6, 5, "now"));
        assertThatCode(() -> WriteRules.checkRevision(current, new MemoryOp.Set("x"), OptionalLong.of(5))).doesNotThrowAnyException();
        assertThatCode(() -> WriteRules.checkRevision(current, new MemoryOp.Set("x"), OptionalLong.empty())).doesNotThrowAnyException();
        for (MemoryOp commuting : new MemoryOp[] {new MemoryOp.Append("x"), new MemoryOp.ListPush("1"), new MemoryOp.LogAppend("{}")}) {
            assertThatCode(() -> WriteRules.checkRevision(current, commuting, OptionalLong.of(1))).doesNotThrowAnyException();
        }
    }

    @Test
    void charLimitIsInclusive() {
        assertThatCode(() -> WriteRules.checkCharLimit(A, 3, "abc")).doesNotThrowAnyException();
        assertThat(error(() -> WriteRules.checkCharLimit(A, 3, "abcd")))
                .isEqualTo(new MemoryError.CharLimitExceeded(A, 3, 4));
        assertThat(error(() -> WriteRules.checkCharLimit(A, 3, "abcd")).message())
                .isEqualTo("block local:p/notes holds at most 3 characters; the write needs 4");
    }

    @Test
    void hashIsLowercaseSha256() {
        assertThat(Hashes.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
