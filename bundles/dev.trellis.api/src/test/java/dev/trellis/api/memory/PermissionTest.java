package dev.trellis.api.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void ladderOrder() {
        assertThat(Permission.values()).containsExactly(Permission.READ_ONLY, Permission.PARTNER, Permission.HUMAN,
                Permission.APPEND, Permission.READ_WRITE, Permission.ADMIN);
    }

    @Test
    void allowsIsAtLeast() {
        assertThat(Permission.APPEND.allows(Permission.APPEND)).isTrue();
        assertThat(Permission.APPEND.allows(Permission.READ_ONLY)).isTrue();
        assertThat(Permission.APPEND.allows(Permission.READ_WRITE)).isFalse();
        assertThat(Permission.READ_ONLY.allows(Permission.PARTNER)).isFalse();
        assertThat(Permission.ADMIN.allows(Permission.ADMIN)).isTrue();
    }

    @Test
    void accessNeeds() {
        assertThat(Permission.READ_ONLY.allows(Access.READ)).isTrue();
        assertThat(Permission.READ_ONLY.allows(Access.APPEND)).isFalse();
        assertThat(Permission.HUMAN.allows(Access.APPEND)).isFalse();
        assertThat(Permission.APPEND.allows(Access.APPEND)).isTrue();
        assertThat(Permission.APPEND.allows(Access.OVERWRITE)).isFalse();
        assertThat(Permission.READ_WRITE.allows(Access.OVERWRITE)).isTrue();
        assertThat(Permission.READ_WRITE.allows(Access.DELETE)).isFalse();
        assertThat(Permission.ADMIN.allows(Access.DELETE)).isTrue();
    }

    @Test
    void parseAndDisplay() {
        assertThat(Permission.parse("read_write")).isEqualTo(Permission.READ_WRITE);
        assertThat(Permission.DEFAULT).isEqualTo(Permission.READ_WRITE);
        assertThat(Permission.READ_WRITE.displayText()).isEqualTo("Read, Append, Write");
        assertThat(Permission.APPEND.displayText()).isEqualTo("Append Only");
        for (Permission p : Permission.values()) {
            assertThat(Permission.parse(p.id())).isSameAs(p);
        }
    }

    @Test
    void parseUnknown() {
        assertThatThrownBy(() -> Permission.parse("READ_WRITE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown permission 'READ_WRITE' (expected read_only, partner, human, append, read_write or admin)");
    }

    @Test
    void opsNeedTheDocumentedAccess() {
        assertThat(new MemoryOp.Append("x").access()).isEqualTo(Access.APPEND);
        assertThat(new MemoryOp.Set("x").access()).isEqualTo(Access.OVERWRITE);
        assertThat(new MemoryOp.Delete().access()).isEqualTo(Access.DELETE);
        assertThat(new MemoryOp.PatchMetadata(MetadataPatch.NONE.withPinned(true)).access()).isEqualTo(Access.OVERWRITE);
        assertThat(new MemoryOp.PatchMetadata(MetadataPatch.NONE.withPermission(Permission.ADMIN)).access())
                .isEqualTo(Access.DELETE);
        assertThat(new MemoryOp.LogAppend("{}").commutes()).isTrue();
        assertThat(new MemoryOp.Replace("a", "b").commutes()).isFalse();
    }

    @Test
    void otherEnumsParse() {
        assertThat(Schema.parse("task-list")).isEqualTo(Schema.TASK_LIST);
        assertThat(Tier.parse("core")).isEqualTo(Tier.CORE);
        assertThat(IsolationPolicy.parse("core-only")).isEqualTo(IsolationPolicy.CORE_ONLY);
        assertThatThrownBy(() -> Tier.parse("archival"))
                .hasMessage("unknown tier 'archival' (expected core or working)");
        assertThatThrownBy(() -> Schema.parse("composite"))
                .hasMessage("unknown schema 'composite' (expected text, map, list, log, task-list or skill)");
    }
}
