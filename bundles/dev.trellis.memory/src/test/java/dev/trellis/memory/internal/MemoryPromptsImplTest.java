package dev.trellis.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rendering the agent runtime composes with: exact text of snapshot, block and notices. */
class MemoryPromptsImplTest {

    static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    final MemoryPromptsImpl prompts = new MemoryPromptsImpl(ZoneOffset.UTC);

    static Block block(String label, Tier tier, Schema schema, String description, String content, Author author) {
        BlockMetadata m = new BlockMetadata(BlockAddress.parse("global:ada/" + label), tier, schema, description, 5000,
                Permission.READ_WRITE, false, AT, AT, author);
        return new Block(m, content, 1, "h");
    }

    @Test
    void snapshotAndBlocks() {
        Block persona = block("persona", Tier.CORE, Schema.TEXT, "Who I am", "I am Ada.", new Author.System("init"));
        Block todo = block("todo", Tier.WORKING, Schema.LIST, "", "[\"milk\",{\"n\":2}]", new Author.Agent("ada"));
        assertThat(prompts.snapshot(List.of(persona, todo))).isEqualTo("""
                [memory:current_state]

                <block:persona type="core" permission="Read, Append, Write">
                Who I am

                I am Ada.
                </block:persona>

                <block:todo type="working" permission="Read, Append, Write">
                - milk
                - {"n":2}
                </block:todo>
                """);
        assertThat(prompts.block(todo)).isEqualTo("""
                <block:todo type="working" permission="Read, Append, Write">
                - milk
                - {"n":2}
                </block:todo>""");
    }

    @Test
    void noticesUseTheBlocksLastAuthorAndTime() {
        Author journal = new Author.Plugin(dev.trellis.api.plugin.PluginId.of("dev.trellis.example.journal"));
        Block before = block("notes", Tier.WORKING, Schema.TEXT, "", "one\ntwo", journal);
        Block after = block("notes", Tier.WORKING, Schema.TEXT, "", "one\nthree", journal);
        assertThat(prompts.written(before)).isEqualTo("[memory:written] block 'global:ada/notes' (type: working, author:"
                + " plugin dev.trellis.example.journal, at: 2026-03-04 05:06:07 Z (Wednesday))\none\ntwo");
        assertThat(prompts.updated(before, after)).isEqualTo("""
                [memory:updated] block 'global:ada/notes' (type: working, author: plugin dev.trellis.example.journal, at: 2026-03-04 05:06:07 Z (Wednesday))
                @@ -1,2 +1,2 @@
                 one
                -two
                +three""");
        assertThat(prompts.deleted(after.metadata(), Optional.empty(), AT)).isEqualTo(
                "[memory:deleted] block 'global:ada/notes' (type: working, author: unknown, at: 2026-03-04 05:06:07 Z (Wednesday))");
        assertThat(prompts.deleted(after.metadata(), Optional.of(journal), AT)).contains("author: plugin dev.trellis.example.journal");
    }
}
