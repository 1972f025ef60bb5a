package dev.trellis.memory.internal.core;

import static dev.trellis.memory.internal.core.ContentOpsTest.A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendererTest {

    final Renderer renderer = new Renderer(new ContentOps(new ObjectMapper()));

    static Block block(String label, Tier tier, Schema schema, Permission p, String description, String content) {
        Instant t = Instant.EPOCH;
        return new Block(new BlockMetadata(BlockAddress.parse("global:ada/" + label), tier, schema, description, 5000, p,
                false, t, t, new Author.System("test")), content, 1, Hashes.sha256(content));
    }

    @Test
    void snapshotHasTheReferenceShape() {
        String out = renderer.snapshot(List.of(
                block("persona", Tier.CORE, Schema.TEXT, Permission.READ_WRITE, "Who I am.", "I am Ada.\nI like tea."),
                block("scratch", Tier.WORKING, Schema.TEXT, Permission.APPEND, "", "")));
        assertThat(out).isEqualTo("""
                [memory:current_state]

                <block:persona type="core" permission="Read, Append, Write">
                Who I am.

                I am Ada.
                I like tea.
                </block:persona>

                <block:scratch type="working" permission="Append Only">
                </block:scratch>
                """);
    }

    @Test
    void mapRendersFieldsHidesDeclarationsMarksReadOnly() {
        String c = "{\"$fields\":{\"id\":{\"readOnly\":true}},\"id\":\"x1\",\"n\":2,\"tags\":[\"a\",\"b\"],\"ok\":true}";
        assertThat(renderer.block(block("profile", Tier.CORE, Schema.MAP, Permission.ADMIN, "Profile", c))).isEqualTo("""
                <block:profile type="core" permission="Read, Write, Delete">
                Profile

                id: x1 (read-only)
                n: 2
                tags: ["a","b"]
                ok: true
                </block:profile>""");
        assertThat(renderer.content(A, Schema.MAP, "{}")).isEqualTo("(no fields)");
    }

    @Test
    void listAndLog() {
        assertThat(renderer.content(A, Schema.LIST, "[\"milk\",{\"qty\":2}]")).isEqualTo("- milk\n- {\"qty\":2}");
        assertThat(renderer.content(A, Schema.LIST, "[]")).isEqualTo("(empty list)");
        String log = "[{\"at\":\"2026-01-01T00:00:00Z\",\"author\":\"agent ada\",\"message\":\"first\"},"
                + "{\"at\":\"2026-01-02T00:00:00Z\",\"author\":\"plugin x\",\"level\":\"warn\",\"message\":\"second\"}]";
        assertThat(renderer.content(A, Schema.LOG, log)).isEqualTo("""
                - 2026-01-02T00:00:00Z plugin x: {"level":"warn","message":"second"}
                - 2026-01-01T00:00:00Z agent ada: first""");
        assertThat(renderer.content(A, Schema.LOG, "[]")).isEqualTo("(no entries)");
    }
}
