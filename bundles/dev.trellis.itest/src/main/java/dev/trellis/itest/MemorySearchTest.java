package dev.trellis.itest;

import static dev.trellis.itest.MemoryFixtures.block;
import static dev.trellis.itest.MemoryFixtures.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * One search over blocks and archival through {@code MemoryService.search} on the live host (FTS5,
 * BM25): documents of equal length with more matches rank first, content-type and scope filters
 * select exactly, the limit cuts the best, and bad query syntax is a {@code QueryError} naming the query.
 */
@ExtendWith({ServiceExtension.class, SurefireSummary.class})
class MemorySearchTest {

    @InjectService(timeout = 10_000)
    MemoryService mem;

    Scope main;
    Scope second;
    String word;
    ArchivalEntry archThree;
    ArchivalEntry archOne;
    ArchivalEntry archSecond;

    /** Eight words: {@code matches} times the search word, the rest filler, so BM25 only sees the count. */
    private String doc(int matches) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(i < matches ? word : "filler").append(' ');
        }
        return sb.toString().trim();
    }

    @BeforeEach
    void corpus() {
        String id = MemoryFixtures.unique("search");
        main = Scope.local(id);
        second = Scope.local(id + "-b");
        word = MemoryFixtures.uniqueWord("srch");
        // labels and descriptions have the same length and never contain the word
        mem.create(block(BlockAddress.of(main, "one"), Tier.WORKING, Schema.TEXT, Permission.READ_WRITE, 5000, doc(1)));
        mem.create(block(BlockAddress.of(main, "thr"), Tier.WORKING, Schema.TEXT, Permission.READ_WRITE, 5000, doc(3)));
        mem.create(block(BlockAddress.of(main, "two"), Tier.WORKING, Schema.TEXT, Permission.READ_WRITE, 5000, doc(2)));
        mem.create(block(BlockAddress.of(main, "skl"), Tier.WORKING, Schema.SKILL, Permission.READ_WRITE, 5000, doc(2)));
        mem.create(block(BlockAddress.of(main, "non"), Tier.WORKING, Schema.TEXT, Permission.READ_WRITE, 5000, doc(0)));
        mem.create(block(BlockAddress.of(second, "two"), Tier.WORKING, Schema.TEXT, Permission.READ_WRITE, 5000, doc(2)));
        archOne = mem.insertArchival(main, doc(1), Optional.empty());
        archThree = mem.insertArchival(main, doc(3), Optional.of("{\"source\":\"itest\"}"));
        archSecond = mem.insertArchival(second, doc(2), Optional.empty());
    }

    private List<SearchHit> search(Set<ContentType> types, List<Scope> scopes, int limit) {
        return mem.search(new SearchQuery(word, types, scopes, limit));
    }

    private static List<String> refs(List<SearchHit> hits) {
        return hits.stream().map(h -> h.kind() + " " + h.scope() + " " + h.ref()).toList();
    }

    @Test
    void moreMatchesRankFirstWithinEachKind() {
        List<SearchHit> blocks = search(EnumSet.of(ContentType.BLOCK), List.of(main), 10);
        assertThat(refs(blocks)).containsExactly("BLOCK " + main + " thr", "BLOCK " + main + " two",
                "BLOCK " + main + " one");
        assertThat(blocks.get(0).score()).isEqualTo(1.0);
        assertThat(blocks.get(1).score()).isLessThan(1.0).isGreaterThan(blocks.get(2).score());
        assertThat(blocks.get(2).score()).isGreaterThan(0.0);
        assertThat(blocks.get(0).snippet()).contains("**" + word + "**");

        List<SearchHit> archival = search(EnumSet.of(ContentType.ARCHIVAL), List.of(main), 10);
        assertThat(refs(archival)).containsExactly("ARCHIVAL " + main + " " + archThree.id(),
                "ARCHIVAL " + main + " " + archOne.id());
        assertThat(archival.get(0).score()).isGreaterThan(archival.get(1).score());
    }

    @Test
    void oneSearchCoversBlocksSkillsAndArchivalAndTheFiltersSelectExactly() {
        List<SearchHit> all = search(EnumSet.allOf(ContentType.class), List.of(main), 50);
        assertThat(refs(all)).containsExactlyInAnyOrder("BLOCK " + main + " thr", "BLOCK " + main + " two",
                "BLOCK " + main + " one", "SKILL " + main + " skl", "ARCHIVAL " + main + " " + archThree.id(),
                "ARCHIVAL " + main + " " + archOne.id());
        // best first, and the merged list keeps each kind's own order
        assertThat(all).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(refs(all).stream().filter(r -> r.startsWith("BLOCK")).toList()).containsExactly(
                "BLOCK " + main + " thr", "BLOCK " + main + " two", "BLOCK " + main + " one");

        assertThat(refs(search(EnumSet.of(ContentType.SKILL), List.of(main), 50)))
                .containsExactly("SKILL " + main + " skl");
        assertThat(refs(search(EnumSet.of(ContentType.ARCHIVAL, ContentType.SKILL), List.of(main, second), 50)))
                .containsExactlyInAnyOrder("SKILL " + main + " skl", "ARCHIVAL " + main + " " + archThree.id(),
                        "ARCHIVAL " + main + " " + archOne.id(), "ARCHIVAL " + second + " " + archSecond.id());
        assertThat(refs(search(EnumSet.allOf(ContentType.class), List.of(second), 50)))
                .containsExactlyInAnyOrder("BLOCK " + second + " two", "ARCHIVAL " + second + " " + archSecond.id());
        // the limit keeps the best
        assertThat(refs(search(EnumSet.of(ContentType.BLOCK), List.of(main, second), 1)))
                .containsExactly("BLOCK " + main + " thr");
        // without scopes the unbound service covers every scope holding blocks
        assertThat(refs(mem.search(new SearchQuery(word, EnumSet.of(ContentType.BLOCK), List.of(), 50))))
                .containsExactlyInAnyOrder("BLOCK " + main + " thr", "BLOCK " + main + " two",
                        "BLOCK " + main + " one", "BLOCK " + second + " two");
    }

    @Test
    void theIndexFollowsWritesAndDeletes() {
        BlockAddress one = BlockAddress.of(main, "one");
        mem.apply(one, new MemoryOp.Set(doc(4)));
        mem.apply(BlockAddress.of(main, "two"), new MemoryOp.Set(doc(0)));
        BlockAddress thr = BlockAddress.of(main, "thr");
        mem.create(block(BlockAddress.of(main, "del"), Tier.WORKING, Schema.TEXT, Permission.ADMIN, 5000, doc(5)));
        mem.apply(BlockAddress.of(main, "del"), new MemoryOp.Delete());
        assertThat(refs(search(EnumSet.of(ContentType.BLOCK), List.of(main), 10)))
                .containsExactly("BLOCK " + main + " one", "BLOCK " + main + " thr");
        assertThat(thr.label()).isEqualTo("thr");
    }

    @Test
    void badSyntaxIsAQueryErrorNamingTheQuery() {
        for (String bad : List.of(word + " AND", "\"" + word, word + " NEAR(")) {
            MemoryError error = errorOf(() -> mem.search(new SearchQuery(bad, EnumSet.allOf(ContentType.class),
                    List.of(main), 10)));
            assertThat(error).isInstanceOf(MemoryError.QueryError.class);
            assertThat(((MemoryError.QueryError) error).query()).isEqualTo(bad);
            assertThat(error.message()).startsWith("query '" + bad + "' is invalid: ");
        }
        // a good query right after still works
        assertThat(search(EnumSet.of(ContentType.BLOCK), List.of(main), 10)).hasSize(3);
    }
}
