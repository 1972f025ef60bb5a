package dev.trellis.console.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.trellis.api.memory.admin.SubscriptionInfo;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.plugin.PluginId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryHtmlTest {

    static final BlockAddress ADDRESS = BlockAddress.of(Scope.local("p"), "notes");
    static final String EVIL = "<script>alert(1)</script> ${felix.webconsole} & \"q\"";

    static Block block(Schema schema, String content, long revision) {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        return new Block(new BlockMetadata(ADDRESS, Tier.WORKING, schema, EVIL, 5000, Permission.READ_WRITE, false, t, t,
                new Author.Agent("ada")), content, revision, "abc");
    }

    @Test
    void blockViewEscapesEverythingIncludingDollarBraces() {
        String html = MemoryHtml.blockView(block(Schema.TEXT, EVIL, 3), new HistoryDepth(2, 0),
                List.of(new HistoryEntry(3, "set", new Author.Human("x<y"), Instant.EPOCH, EVIL)), Optional.empty(), "tok");
        assertThat(html).doesNotContain("<script>").doesNotContain("${").doesNotContain("x<y");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &#36;{felix.webconsole} &amp;");
        // the edit form carries the loaded revision, the token and the content (after the newline a textarea drops)
        assertThat(html).contains("<input type=\"hidden\" name=\"revision\" value=\"3\">")
                .contains("<input type=\"hidden\" name=\"csrf\" value=\"tok\">")
                .contains("cols=\"100\">\n&lt;script&gt;");
        assertThat(html).contains("id=\"block-undo\">Undo (2)</button>").contains("id=\"block-redo\" disabled>Redo (0)");
        assertThat(html).doesNotContain("edit-conflict");
    }

    @Test
    void aDraftFromAConflictIsShownWithTheCurrentRevision() {
        Draft draft = new Draft(ADDRESS, "my text", 3, 5);
        String html = MemoryHtml.blockView(block(Schema.TEXT, "theirs", 5), new HistoryDepth(4, 0), List.of(),
                Optional.of(draft), "tok");
        assertThat(html).contains("<p id=\"edit-conflict\"")
                .contains("changed to revision 5 after you loaded revision 3")
                .contains(">\nmy text</textarea>")
                .contains("name=\"revision\" value=\"5\"")
                .contains("<pre id=\"block-content\" class=\"ui-widget-content\" style=\"padding: 0.5em; white-space: pre-wrap\">theirs</pre>");
    }

    @Test
    void jsonBlocksAreShownIndented() {
        String html = MemoryHtml.blockView(block(Schema.MAP, "{\"a\":1}", 1), new HistoryDepth(0, 0), List.of(),
                Optional.empty(), "tok");
        assertThat(html).contains("white-space: pre-wrap\">{\n  &#34;a&#34;: 1\n}</pre>");
    }

    @Test
    void theBlocksTableIsCappedAndSaysSo() {
        List<BlockMetadata> three = List.of(meta("a"), meta("b"), meta("c"));
        String capped = MemoryHtml.blocksTable(three, 2);
        assertThat(capped).contains("3 blocks in 1 scope; showing the first 2 (name a scope or search to narrow).")
                .contains("data-address=\"local:p/a\"").contains("data-address=\"local:p/b\"")
                .doesNotContain("data-address=\"local:p/c\"");
        assertThat(MemoryHtml.blocksTable(three, 3)).contains("3 blocks in 1 scope.</p>").contains("local:p/c");
        assertThat(MemoryHtml.blocksTable(List.of(), 3)).contains("No blocks yet.");
    }

    static BlockMetadata meta(String label) {
        return new BlockMetadata(BlockAddress.of(Scope.local("p"), label), Tier.CORE, Schema.TEXT, "", 10,
                Permission.ADMIN, true, Instant.EPOCH, Instant.EPOCH, new Author.System("seed"));
    }

    @Test
    void searchHitsLinkToTheirBlockOrArchivalEntry() {
        String html = MemoryHtml.searchResults("q", List.of(
                new SearchHit(ContentType.BLOCK, Scope.global("@ada"), "persona/style", 0.5, "a [hit]"),
                new SearchHit(ContentType.ARCHIVAL, Scope.local("p"), "17", 0.25, "<b>")));
        assertThat(html).contains("<a href=\"trellis-memory?scope=global%3A%40ada&amp;label=persona%2Fstyle\">persona/style</a>")
                .contains("<a href=\"trellis-memory?archival=17\">archival 17</a>")
                .contains("<td class=\"snippet\">&lt;b&gt;</td>");
        assertThat(MemoryHtml.searchResults("none", List.of())).contains("No matches.");
    }

    @Test
    void subscriptionsShowSubscriberFilterLagAndResyncs() {
        String html = MemoryHtml.subscriptions(Optional.of(List.of(new SubscriptionInfo(7, PluginId.of("org.example.journal"),
                SyncFilter.scope(Scope.local("p")), 1024, 12, 2))));
        assertThat(html).contains("<tr data-id=\"7\"><td class=\"id\">7</td><td class=\"subscriber\">org.example.journal</td>"
                + "<td class=\"filter\">scope local:p</td><td class=\"queued\">12</td><td class=\"capacity\">1024</td>"
                + "<td class=\"resyncs\">2</td></tr>");
        assertThat(MemoryHtml.subscriptions(Optional.of(List.of()))).contains("No open subscriptions.");
        assertThat(MemoryHtml.subscriptions(Optional.empty())).contains("id=\"memory-subscriptions-unavailable\"");
        assertThat(MemoryHtml.filter(new SyncFilter.Addresses(List.of(ADDRESS, BlockAddress.of(Scope.local("p"), "b")))))
                .isEqualTo("blocks local:p/notes, local:p/b");
    }
}
