package dev.trellis.memory.internal.core;

import static dev.trellis.memory.internal.core.ContentOpsTest.A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Tier;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChangeNoticesTest {

    final ChangeNotices notices = new ChangeNotices(ZoneOffset.UTC);
    static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    static final Author AGENT = new Author.Agent("ada");

    @Test
    void written() {
        assertThat(notices.written(A, Tier.CORE, AGENT, AT, "hello")).isEqualTo(
                "[memory:written] block 'local:p/notes' (type: core, author: agent ada, at: 2026-03-04 05:06:07 Z (Wednesday))\nhello");
    }

    @Test
    void updatedShowsUnifiedDiff() {
        assertThat(notices.updated(A, Tier.WORKING, new Author.System("reconcile"), AT, "a\nb\nc", "a\nB\nc")).isEqualTo("""
                [memory:updated] block 'local:p/notes' (type: working, author: system (reconcile), at: 2026-03-04 05:06:07 Z (Wednesday))
                @@ -1,3 +1,3 @@
                 a
                -b
                +B
                 c""");
    }

    @Test
    void updatedWithoutChangeAndWithoutPrevious() {
        assertThat(notices.updated(A, Tier.WORKING, AGENT, AT, "same", "same")).endsWith(
                ")\n(content unchanged from previous snapshot)\nsame");
        assertThat(notices.updatedWithoutPrevious(A, Tier.WORKING, AGENT, AT, "now")).endsWith(
                ")\n(previous content unavailable)\nnow");
    }

    @Test
    void deletedAndPreviewElision() {
        assertThat(notices.deleted(A, Tier.CORE, AGENT, AT)).isEqualTo(
                "[memory:deleted] block 'local:p/notes' (type: core, author: agent ada, at: 2026-03-04 05:06:07 Z (Wednesday))");
        String longText = "x".repeat(250);
        assertThat(ChangeNotices.preview(longText)).isEqualTo("x".repeat(240) + "… (10 chars elided)");
        assertThat(ChangeNotices.preview("x".repeat(240))).isEqualTo("x".repeat(240));
    }
}
