package dev.trellis.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellFormatTest {

    static final Instant T1 = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-25T10:05:30Z");

    static BlockMetadata meta(String scope, String label, Schema schema, boolean pinned, String description) {
        return new BlockMetadata(BlockAddress.of(Scope.parse(scope), label), Tier.WORKING, schema, description, 5000,
                Permission.READ_WRITE, pinned, T1, T2, new Author.Agent("ada"));
    }

    @Test
    void blocksAreAnAlignedTableWithACount() {
        String out = ShellFormat.blocks(List.of(
                meta("local:trellis", "notes", Schema.TEXT, false, "project notes"),
                meta("global:@ada", "persona/style", Schema.MAP, true, "")));
        assertThat(out).isEqualTo("""
                SCOPE          LABEL          SCHEMA  TIER      PERMISSION  UPDATED               AUTHOR     DESCRIPTION
                -------------  -------------  ------  --------  ----------  --------------------  ---------  -------------
                local:trellis  notes          text    working   read_write  2026-11-25 10:05:30Z  agent ada  project notes
                global:@ada    persona/style  map     working*  read_write  2026-11-25 10:05:30Z  agent ada
                2 blocks (* = pinned)
                """);
    }

    @Test
    void noBlocksSaysSo() {
        assertThat(ShellFormat.blocks(List.of())).isEqualTo("No blocks.\n");
    }

    @Test
    void blockShowsMetadataContentAndHistory() {
        Block b = new Block(meta("local:trellis", "notes", Schema.TEXT, false, "project notes"), "line one\nline two", 3,
                "ab12");
        String out = ShellFormat.block(b, new HistoryDepth(2, 0), List.of(
                new HistoryEntry(3, "append", new Author.Plugin(PluginId.of("org.example.sync")), T2, "line one\nline two"),
                new HistoryEntry(1, "create", new Author.Human("admin"), T1, "line one")));
        assertThat(out).isEqualTo("""
                Block local:trellis/notes
                  revision     3
                  schema       text
                  tier         working
                  permission   read_write
                  description  project notes
                  chars        17 of 5000
                  created      2026-11-25 10:00:00Z
                  updated      2026-11-25 10:05:30Z by agent ada
                  undo/redo    2 / 0

                Content:
                  line one
                  line two

                History (newest first):
                REV  OP      AUTHOR                   TIME                  CONTENT
                ---  ------  -----------------------  --------------------  -----------------
                3    append  plugin org.example.sync  2026-11-25 10:05:30Z  line one line two
                1    create  human admin              2026-11-25 10:00:00Z  line one
                """);
    }

    @Test
    void hitsShowKindScopeRefScoreAndSnippet() {
        String out = ShellFormat.hits("release", List.of(
                new SearchHit(ContentType.BLOCK, Scope.local("trellis"), "notes", 1.0, "the [release] is friday"),
                new SearchHit(ContentType.ARCHIVAL, Scope.global("@ada"), "42", 0.25, "old [release] plan")));
        assertThat(out).isEqualTo("""
                KIND      SCOPE          REF    SCORE  SNIPPET
                --------  -------------  -----  -----  -----------------------
                block     local:trellis  notes  1.000  the [release] is friday
                archival  global:@ada    42     0.250  old [release] plan
                2 matches for 'release'
                """);
        assertThat(ShellFormat.hits("nothing", List.of())).isEqualTo("No matches for 'nothing'.\n");
    }

    @Test
    void longAndMultiLineCellsAreCutToOneLine() {
        assertThat(ShellFormat.cell("a\n\n  b\tc")).isEqualTo("a b c");
        String cut = ShellFormat.cell("x".repeat(100));
        assertThat(cut).hasSize(ShellFormat.CELL_MAX).endsWith("…");
        assertThat(ShellFormat.cell("y".repeat(ShellFormat.CELL_MAX))).hasSize(ShellFormat.CELL_MAX).doesNotContain("…");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> ShellFormat.table(List.of("A", "B"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row has 1 cells, table has 2");
    }
}
