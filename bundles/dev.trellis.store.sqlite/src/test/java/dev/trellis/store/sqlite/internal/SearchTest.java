package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PERSONA;
import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchTest extends OpenDatabaseTest {

    static final List<Scope> BOTH = List.of(PROJECT, PERSONA);


    private long archive(Scope scope, String text) {
        return db.inTransaction((StoreTransaction tx) -> tx.archival().insert(scope, text, Optional.empty())).id();
    }

    private List<SearchHit> search(String text, Set<ContentType> types, List<Scope> scopes, int limit) {
        return db.read((StoreTransaction tx) -> tx.search().search(new SearchQuery(text, types, scopes, limit)));
    }

    private List<SearchHit> search(String text) {
        return search(text, EnumSet.allOf(ContentType.class), BOTH, 10);
    }

    @Test
    void moreMatchesRankFirstWithScoresInUnitInterval() {
        insert(block(PROJECT, "once", "the garden has one tomato and many other plants growing here"),
                block(PROJECT, "thrice", "tomato tomato tomato in the garden with other plants growing here"),
                block(PROJECT, "none", "nothing relevant in this one at all, only plants"));
        List<SearchHit> hits = search("tomato");
        assertThat(hits).extracting(SearchHit::ref).containsExactly("thrice", "once");
        assertThat(hits.get(0).score()).isEqualTo(1.0);
        assertThat(hits.get(1).score()).isLessThan(1.0).isGreaterThan(0.0);
        assertThat(hits).allSatisfy(h -> assertThat(h.score()).isBetween(0.0, 1.0));
        assertThat(hits.get(0).snippet()).contains("**tomato**");
    }

    private static Block block(Scope scope, String label, String content) {
        return Fixtures.block(scope, label, content, 1);
    }

    @Test
    void oneCallCoversBlocksSkillsAndArchivalWithTypeAndScopeFilters() {
        insert(block(PROJECT, "notes", "deploy the lighthouse service"),
                Fixtures.block(PROJECT, "skills/ops", Schema.SKILL, "---\nname: ops\n---\nhow to deploy lighthouse", 1),
                block(PERSONA, "diary", "lighthouse keeper memories"));
        long archived = archive(PROJECT, "last lighthouse incident was on tuesday");

        assertThat(search("lighthouse")).extracting(h -> h.kind() + " " + h.scope() + " " + h.ref())
                .containsExactlyInAnyOrder("BLOCK local:trellis notes", "SKILL local:trellis skills/ops",
                        "BLOCK global:@ada diary", "ARCHIVAL local:trellis " + archived);
        assertThat(search("lighthouse", EnumSet.of(ContentType.ARCHIVAL), BOTH, 10))
                .extracting(SearchHit::ref).containsExactly(Long.toString(archived));
        assertThat(search("lighthouse", EnumSet.of(ContentType.SKILL), BOTH, 10))
                .extracting(SearchHit::ref).containsExactly("skills/ops");
        assertThat(search("lighthouse", EnumSet.of(ContentType.BLOCK), List.of(PERSONA), 10))
                .extracting(SearchHit::ref).containsExactly("diary");
        assertThat(search("lighthouse", EnumSet.of(ContentType.MESSAGE, ContentType.TASK), BOTH, 10)).isEmpty();
        assertThat(search("lighthouse", EnumSet.allOf(ContentType.class), BOTH, 2)).hasSize(2);
        // the caller resolves "all visible scopes"; an empty list reaching the store means none
        assertThat(search("lighthouse", EnumSet.allOf(ContentType.class), List.of(), 10)).isEmpty();
    }

    @Test
    void searchSupportsPhrasesPrefixesAndBooleanOperators() {
        insert(block(PROJECT, "a", "quick brown fox"), block(PROJECT, "b", "brown quick dog"));
        assertThat(search("\"quick brown\"")).extracting(SearchHit::ref).containsExactly("a");
        assertThat(search("qui*")).extracting(SearchHit::ref).containsExactlyInAnyOrder("a", "b");
        assertThat(search("brown NOT fox")).extracting(SearchHit::ref).containsExactly("b");
        assertThat(search("fox OR dog")).extracting(SearchHit::ref).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void deletedBlocksAndArchivalEntriesAreNotFound() {
        insert(block(PROJECT, "gone", "ephemeral zebra"), block(PROJECT, "kept", "zebra stays"));
        long archived = archive(PROJECT, "zebra archived");
        db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().delete(BlockAddress.of(PROJECT, "gone"));
            tx.archival().delete(archived);
            return null;
        });
        assertThat(search("zebra")).extracting(SearchHit::ref).containsExactly("kept");
        assertThat(search("ephemeral")).isEmpty();
        Fixtures.assertIndexesMatchRows(db);
    }

    @Test
    void updatesReplaceTheIndexedText() {
        insert(block(PROJECT, "notes", "first draft mentions walrus"));
        db.inTransaction((StoreTransaction tx) -> tx.blocks().update(Fixtures.block(PROJECT, "notes", "second draft mentions narwhal", 2), 1));
        assertThat(search("walrus")).isEmpty();
        assertThat(search("narwhal")).extracting(SearchHit::ref).containsExactly("notes");
        Fixtures.assertIndexesMatchRows(db);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"unbalanced quote   | '\"' is not closed",
        "AND                  | unexpected \"AND\"",
        "apples AND           | ends too early",
        "(apples OR pears     | ends too early",
        "nosuchcolumn:apples  | column filter",
    })
    void syntaxErrorsAreBadQueryErrorsThatQuoteTheQuery(String query, String explanation) {
        insert(block(PROJECT, "notes", "apples and pears"));
        assertThatThrownBy(() -> search(query))
                .isExactlyInstanceOf(StoreException.class)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.BAD_QUERY))
                .hasMessageContaining("search query '" + query + "' is not valid full-text syntax")
                .hasMessageContaining(explanation);
        // the store is still usable afterwards
        assertThat(search("apples")).hasSize(1);
    }
}
