package dev.trellis.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Access;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.MetadataPatch;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.store.StoreException;
import dev.trellis.memory.internal.core.Hashes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MemoryServiceImplTest {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final PluginId ME = PluginId.of("org.example.me");
    static final PluginId OTHER = PluginId.of("org.example.other");
    static final BlockAddress NOTES = BlockAddress.parse("local:proj/notes");

    final InMemoryStore store = new InMemoryStore();
    final MemoryEngine engine = new MemoryEngine(store, 5000, 5, Clock.fixed(T0, ZoneOffset.UTC));
    final MemoryService memory = new MemoryServiceImpl(engine, ME);
    final MemoryService other = new MemoryServiceImpl(engine, OTHER);

    static MemoryError error(ThrowingCallable call) {
        try {
            call.call();
        } catch (MemoryException e) {
            return e.error();
        } catch (Throwable t) {
            throw new AssertionError("expected MemoryException, got " + t, t);
        }
        throw new AssertionError("expected MemoryException, nothing thrown");
    }

    static BlockCreate create(BlockAddress a, Tier tier, Schema schema, Permission p, int limit, String content) {
        return new BlockCreate(a, tier, schema, "desc", limit, p, false, content);
    }

    @Test
    void createThenReadStampsAuthorRevisionHashAndTimes() {
        WriteResult r = memory.create(BlockCreate.text(NOTES, "Notes", "hello"));
        assertThat(r).isEqualTo(new WriteResult(NOTES, 1, Hashes.sha256("hello")));
        Block b = memory.read(NOTES).orElseThrow();
        assertThat(b.content()).isEqualTo("hello");
        assertThat(b.revision()).isEqualTo(1);
        assertThat(b.metadata().lastAuthor()).isEqualTo(new Author.Plugin(ME));
        assertThat(b.metadata().createdAt()).isEqualTo(T0);
        assertThat(memory.metadata(NOTES)).contains(b.metadata());
        assertThat(memory.read(BlockAddress.parse("local:proj/none"))).isEmpty();
        assertThat(memory.metadata(BlockAddress.parse("local:proj/none"))).isEmpty();
        assertThat(memory.history(NOTES, 10)).containsExactly(new HistoryEntry(1, "create", new Author.Plugin(ME), T0, "hello"));
    }

    @Test
    void createErrors() {
        memory.create(BlockCreate.text(NOTES, "", "x"));
        assertThat(error(() -> memory.create(BlockCreate.text(NOTES, "", "y")))).isEqualTo(new MemoryError.AlreadyExists(NOTES));
        BlockAddress big = BlockAddress.parse("local:proj/big");
        assertThat(error(() -> memory.create(create(big, Tier.CORE, Schema.TEXT, Permission.DEFAULT, 3, "abcd"))))
                .isEqualTo(new MemoryError.CharLimitExceeded(big, 3, 4));
        assertThat(error(() -> memory.create(create(big, Tier.CORE, Schema.LIST, Permission.DEFAULT, 30, "{}"))))
                .isEqualTo(new MemoryError.InvalidOperation(big, "list content must be a JSON array"));
        assertThat(memory.read(big)).isEmpty();
    }

    @Test
    void writesRaiseRevisionAndRecordHistoryWithAuthors() {
        memory.create(BlockCreate.text(NOTES, "", "a"));
        assertThat(memory.apply(NOTES, new MemoryOp.Append(" b")).revision()).isEqualTo(2);
        assertThat(other.apply(NOTES, new MemoryOp.Replace("b", "c")).revision()).isEqualTo(3);
        assertThat(memory.apply(NOTES, new MemoryOp.Set("z"), 3).revision()).isEqualTo(4);
        Block b = memory.read(NOTES).orElseThrow();
        assertThat(b.content()).isEqualTo("z");
        assertThat(b.contentHash()).isEqualTo(Hashes.sha256("z"));
        assertThat(memory.history(NOTES, 10)).extracting(HistoryEntry::revision, HistoryEntry::opKind, HistoryEntry::content)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, "set", "z"),
                        org.assertj.core.groups.Tuple.tuple(3L, "replace", "a c"),
                        org.assertj.core.groups.Tuple.tuple(2L, "append", "a b"),
                        org.assertj.core.groups.Tuple.tuple(1L, "create", "a"));
        assertThat(memory.history(NOTES, 10).get(1).author()).isEqualTo(new Author.Plugin(OTHER));
        assertThat(memory.history(NOTES, 1)).hasSize(1);
    }

    @Test
    void staleSetAndReplaceConflictButAppendsAlwaysApply() {
        memory.create(BlockCreate.text(NOTES, "", "one"));
        other.apply(NOTES, new MemoryOp.Append(" two"));
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.Set("mine"), 1)))
                .isEqualTo(new MemoryError.Conflict(NOTES, 1, 2, "one two"));
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.Replace("one", "1"), 1)))
                .isEqualTo(new MemoryError.Conflict(NOTES, 1, 2, "one two"));
        assertThat(memory.apply(NOTES, new MemoryOp.Append(" three"), 1).revision()).isEqualTo(3);
        assertThat(memory.read(NOTES).orElseThrow().content()).isEqualTo("one two three");
    }

    @Test
    void writesToMissingBlocksAreNotFound() {
        for (MemoryOp op : List.of(new MemoryOp.Set("x"), new MemoryOp.Append("x"), new MemoryOp.Delete())) {
            assertThat(error(() -> memory.apply(NOTES, op))).isEqualTo(new MemoryError.NotFound(NOTES));
        }
        assertThat(error(() -> memory.undo(NOTES))).isEqualTo(new MemoryError.NotFound(NOTES));
        assertThat(error(() -> memory.historyDepth(NOTES))).isEqualTo(new MemoryError.NotFound(NOTES));
        assertThat(error(() -> memory.history(NOTES, 1))).isEqualTo(new MemoryError.NotFound(NOTES));
    }

    @Test
    void permissionLadderGatesOps() {
        memory.create(create(NOTES, Tier.WORKING, Schema.TEXT, Permission.APPEND, 100, "log:"));
        assertThat(memory.apply(NOTES, new MemoryOp.Append(" ok")).revision()).isEqualTo(2);
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.Set("x"))))
                .isEqualTo(new MemoryError.PermissionDenied(NOTES, Access.OVERWRITE, Permission.APPEND));
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.Delete())))
                .isEqualTo(new MemoryError.PermissionDenied(NOTES, Access.DELETE, Permission.APPEND));
        assertThat(error(() -> memory.undo(NOTES)))
                .isEqualTo(new MemoryError.PermissionDenied(NOTES, Access.OVERWRITE, Permission.APPEND));
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.PatchMetadata(MetadataPatch.NONE.withPermission(Permission.ADMIN)))))
                .isEqualTo(new MemoryError.PermissionDenied(NOTES, Access.DELETE, Permission.APPEND));
        assertThat(error(() -> memory.share(NOTES, "ada", Permission.READ_ONLY)))
                .isEqualTo(new MemoryError.PermissionDenied(NOTES, Access.DELETE, Permission.APPEND));
        assertThat(memory.read(NOTES).orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void charLimitIsEnforcedOnEveryWriteAndNothingIsStored() {
        memory.create(create(NOTES, Tier.WORKING, Schema.TEXT, Permission.DEFAULT, 5, "abc"));
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.Append("def"))))
                .isEqualTo(new MemoryError.CharLimitExceeded(NOTES, 5, 6));
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.PatchMetadata(MetadataPatch.NONE.withCharLimit(2)))))
                .isEqualTo(new MemoryError.CharLimitExceeded(NOTES, 2, 3));
        Block b = memory.read(NOTES).orElseThrow();
        assertThat(b.content()).isEqualTo("abc");
        assertThat(b.revision()).isEqualTo(1);
    }

    @Test
    void schemaOpsThroughTheService() {
        BlockAddress map = BlockAddress.parse("local:proj/profile");
        memory.create(create(map, Tier.CORE, Schema.MAP, Permission.DEFAULT, 500,
                "{\"$fields\":{\"id\":{\"readOnly\":true}},\"id\":\"u1\"}"));
        memory.apply(map, new MemoryOp.SetField("name", "\"Ada\""));
        assertThat(error(() -> memory.apply(map, new MemoryOp.SetField("id", "\"u2\""))))
                .isEqualTo(new MemoryError.ReadOnlyField(map, "id"));
        assertThat(memory.read(map).orElseThrow().content())
                .isEqualTo("{\"$fields\":{\"id\":{\"readOnly\":true}},\"id\":\"u1\",\"name\":\"Ada\"}");

        BlockAddress log = BlockAddress.parse("local:proj/journal");
        memory.create(create(log, Tier.WORKING, Schema.LOG, Permission.APPEND, 500, "[]"));
        memory.apply(log, new MemoryOp.LogAppend("{\"message\":\"hi\"}"));
        assertThat(memory.read(log).orElseThrow().content())
                .isEqualTo("[{\"at\":\"2026-05-01T10:00:00Z\",\"author\":\"plugin org.example.me\",\"message\":\"hi\"}]");

        BlockAddress list = BlockAddress.parse("local:proj/todo");
        memory.create(create(list, Tier.WORKING, Schema.LIST, Permission.DEFAULT, 500, "[]"));
        memory.apply(list, new MemoryOp.ListPush("\"milk\""));
        memory.apply(list, new MemoryOp.ListPush("\"eggs\""));
        memory.apply(list, new MemoryOp.ListRemove(0));
        assertThat(memory.read(list).orElseThrow().content()).isEqualTo("[\"eggs\"]");
    }

    @Test
    void deleteIsSoftForHistoryAndRecreateStartsOver() {
        memory.create(create(NOTES, Tier.WORKING, Schema.TEXT, Permission.ADMIN, 100, "v1"));
        memory.apply(NOTES, new MemoryOp.Set("v2"));
        WriteResult gone = memory.apply(NOTES, new MemoryOp.Delete());
        assertThat(gone.revision()).isEqualTo(3);
        assertThat(memory.read(NOTES)).isEmpty();
        assertThat(memory.list(ListFilter.ALL)).isEmpty();
        assertThat(store.rawHistory(NOTES)).extracting(HistoryEntry::opKind).containsExactly("create", "set", "delete");
        memory.create(BlockCreate.text(NOTES, "", "fresh"));
        assertThat(memory.read(NOTES).orElseThrow().revision()).isEqualTo(1);
        assertThat(memory.history(NOTES, 10)).extracting(HistoryEntry::opKind).containsExactly("create");
    }

    @Test
    void createOrReplace() {
        assertThat(memory.createOrReplace(create(NOTES, Tier.WORKING, Schema.TEXT, Permission.ADMIN, 100, "a")).revision())
                .isEqualTo(1);
        memory.apply(NOTES, new MemoryOp.Append("b"));
        WriteResult r = memory.createOrReplace(create(NOTES, Tier.CORE, Schema.LIST, Permission.READ_WRITE, 100, "[1]"));
        assertThat(r.revision()).isEqualTo(3);
        Block b = memory.read(NOTES).orElseThrow();
        assertThat(b.metadata().schema()).isEqualTo(Schema.LIST);
        assertThat(b.content()).isEqualTo("[1]");
        assertThat(memory.history(NOTES, 10)).extracting(HistoryEntry::opKind).containsExactly("create");
        // replacing needs delete (admin); read_write is not enough
        assertThat(error(() -> memory.createOrReplace(BlockCreate.text(NOTES, "", "x"))))
                .isEqualTo(new MemoryError.PermissionDenied(NOTES, Access.DELETE, Permission.READ_WRITE));
    }

    @Test
    void metadataPatchRaisesRevisionKeepsContent() {
        memory.create(create(NOTES, Tier.WORKING, Schema.TEXT, Permission.ADMIN, 100, "keep"));
        WriteResult r = memory.apply(NOTES, new MemoryOp.PatchMetadata(MetadataPatch.NONE.withTier(Tier.CORE)
                .withDescription("new").withPinned(true).withPermission(Permission.READ_WRITE).withCharLimit(50)));
        assertThat(r.revision()).isEqualTo(2);
        BlockMetadata m = memory.metadata(NOTES).orElseThrow();
        assertThat(m.tier()).isEqualTo(Tier.CORE);
        assertThat(m.description()).isEqualTo("new");
        assertThat(m.pinned()).isTrue();
        assertThat(m.permission()).isEqualTo(Permission.READ_WRITE);
        assertThat(m.charLimit()).isEqualTo(50);
        assertThat(memory.read(NOTES).orElseThrow().content()).isEqualTo("keep");
    }

    @Test
    void undoRedoWithBoundedDepth() {
        memory.create(BlockCreate.text(NOTES, "", "0"));
        assertThat(memory.undo(NOTES)).isEmpty();
        for (int i = 1; i <= 6; i++) {
            memory.apply(NOTES, new MemoryOp.Set(Integer.toString(i)));
        }
        // depth 5 keeps 5 revisions: 4 undo steps
        assertThat(memory.historyDepth(NOTES)).isEqualTo(new HistoryDepth(4, 0));
        WriteResult u = memory.undo(NOTES).orElseThrow();
        assertThat(u.revision()).isEqualTo(8);
        assertThat(memory.read(NOTES).orElseThrow().content()).isEqualTo("5");
        memory.undo(NOTES);
        assertThat(memory.read(NOTES).orElseThrow().content()).isEqualTo("4");
        // undo entries take history slots too: the kept window is now set 4 .. undo, so "4" is the base
        assertThat(memory.historyDepth(NOTES)).isEqualTo(new HistoryDepth(0, 2));
        assertThat(memory.undo(NOTES)).isEmpty();
        memory.redo(NOTES);
        assertThat(memory.read(NOTES).orElseThrow().content()).isEqualTo("5");
        assertThat(memory.history(NOTES, 1).getFirst().opKind()).isEqualTo("redo");
        memory.apply(NOTES, new MemoryOp.Append("!"));
        assertThat(memory.redo(NOTES)).isEmpty();
        assertThat(memory.historyDepth(NOTES).redo()).isZero();
    }

    @Test
    void listFiltersAndOrders() {
        memory.create(BlockCreate.text(BlockAddress.parse("local:proj/b"), "", ""));
        memory.create(create(BlockAddress.parse("local:proj/a"), Tier.CORE, Schema.MAP, Permission.DEFAULT, 10, "{}"));
        memory.create(BlockCreate.text(BlockAddress.parse("global:ada/a"), "", ""));
        assertThat(memory.list(ListFilter.ALL)).extracting(m -> m.address().toString())
                .containsExactly("global:ada/a", "local:proj/a", "local:proj/b");
        assertThat(memory.list(ListFilter.in(Scope.local("proj")).withSchema(Schema.MAP)))
                .extracting(m -> m.address().label()).containsExactly("a");
        assertThat(memory.list(ListFilter.ALL.withTier(Tier.WORKING).withLabelPrefix("b")))
                .extracting(m -> m.address().toString()).containsExactly("local:proj/b");
    }

    @Test
    void isolationViews() {
        BlockAddress personaCore = BlockAddress.parse("global:ada/persona");
        BlockAddress personaWork = BlockAddress.parse("global:ada/scratch");
        BlockAddress project = BlockAddress.parse("local:proj/notes");
        BlockAddress elsewhere = BlockAddress.parse("local:other/notes");
        memory.create(create(personaCore, Tier.CORE, Schema.TEXT, Permission.DEFAULT, 100, "I am Ada, tea"));
        memory.create(create(personaWork, Tier.WORKING, Schema.TEXT, Permission.DEFAULT, 100, "scratch tea"));
        memory.create(create(project, Tier.WORKING, Schema.TEXT, Permission.DEFAULT, 100, "project tea"));
        memory.create(create(elsewhere, Tier.WORKING, Schema.TEXT, Permission.DEFAULT, 100, "other tea"));
        Scope.Global ada = new Scope.Global("ada");
        Optional<Scope.Local> proj = Optional.of(new Scope.Local("proj"));

        MemoryService none = memory.view(new ScopeBinding(ada, proj, IsolationPolicy.NONE));
        assertThat(none.list(ListFilter.ALL)).extracting(m -> m.address().toString())
                .containsExactly("global:ada/persona", "global:ada/scratch", "local:proj/notes");
        assertThat(none.apply(personaWork, new MemoryOp.Append("!")).revision()).isEqualTo(2);
        assertThat(error(() -> none.apply(elsewhere, new MemoryOp.Append("!"))))
                .isEqualTo(new MemoryError.IsolationDenied(elsewhere, IsolationPolicy.NONE));
        assertThat(none.read(elsewhere)).isEmpty();

        MemoryService coreOnly = memory.view(new ScopeBinding(ada, proj, IsolationPolicy.CORE_ONLY));
        assertThat(coreOnly.read(personaCore)).isPresent();
        assertThat(coreOnly.read(personaWork)).isEmpty();
        assertThat(error(() -> coreOnly.apply(personaCore, new MemoryOp.Append("!"))))
                .isEqualTo(new MemoryError.IsolationDenied(personaCore, IsolationPolicy.CORE_ONLY));
        assertThat(error(() -> coreOnly.create(BlockCreate.text(BlockAddress.parse("global:ada/new"), "", ""))).message())
                .isEqualTo("block global:ada/new is not writable under isolation policy core-only");
        assertThat(coreOnly.apply(project, new MemoryOp.Append("!")).revision()).isEqualTo(2);
        assertThat(coreOnly.search(SearchQuery.of("tea"))).extracting(SearchHit::ref)
                .containsExactlyInAnyOrder("persona", "notes");

        MemoryService full = memory.view(new ScopeBinding(ada, proj, IsolationPolicy.FULL));
        assertThat(full.list(ListFilter.ALL)).extracting(m -> m.address().toString()).containsExactly("local:proj/notes");
        assertThat(full.read(personaCore)).isEmpty();
        assertThat(error(() -> full.historyDepth(personaCore))).isEqualTo(new MemoryError.NotFound(personaCore));
        assertThat(full.search(SearchQuery.of("tea"))).extracting(SearchHit::scope).containsOnly(Scope.local("proj"));
        assertThat(error(() -> full.insertArchival(ada, "x", Optional.empty())))
                .isInstanceOf(MemoryError.IsolationDenied.class);

        // without a project the persona is the agent's own memory, whatever the policy
        MemoryService alone = memory.view(new ScopeBinding(ada, Optional.empty(), IsolationPolicy.FULL));
        assertThat(alone.read(personaWork)).isPresent();
        assertThat(alone.apply(personaWork, new MemoryOp.Append("?")).revision()).isEqualTo(3);
        // writes through a view keep the calling bundle as author
        assertThat(memory.read(personaWork).orElseThrow().metadata().lastAuthor()).isEqualTo(new Author.Plugin(ME));
    }

    @Test
    void unscopedSearchCoversScopesThatOnlyHoldArchival() {
        memory.create(BlockCreate.text(NOTES, "", "a vintage block"));
        memory.insertArchival(Scope.global("@old"), "a vintage note", Optional.empty());
        assertThat(memory.search(SearchQuery.of("vintage"))).extracting(SearchHit::scope)
                .containsExactlyInAnyOrder(Scope.local("proj"), Scope.global("@old"));
    }

    @Test
    void searchArchivalAndQueryErrors() {
        memory.create(BlockCreate.text(NOTES, "", "the quick fox"));
        var e = memory.insertArchival(Scope.local("proj"), "a quick note", Optional.of("{\"k\":1}"));
        assertThat(e.id()).isEqualTo(1);
        List<SearchHit> hits = memory.search(new SearchQuery("quick", EnumSet.allOf(ContentType.class),
                List.of(Scope.local("proj")), 10));
        assertThat(hits).extracting(SearchHit::kind).containsExactly(ContentType.BLOCK, ContentType.ARCHIVAL);
        assertThat(memory.search(new SearchQuery("quick", Set.of(ContentType.ARCHIVAL), List.of(Scope.local("proj")), 10)))
                .hasSize(1);
        assertThat(error(() -> memory.search(SearchQuery.of("\"quick"))))
                .isEqualTo(new MemoryError.QueryError("\"quick", "BAD_QUERY: unterminated string"));
        BlockAddress archival = BlockAddress.parse("local:proj/archival");
        assertThat(error(() -> memory.insertArchival(Scope.local("proj"), "x", Optional.of("[1]"))))
                .isEqualTo(new MemoryError.InvalidOperation(archival, "archival metadata must be a JSON object, was [1]"));
    }

    @Test
    void storeFailuresAreStoreUnavailableAndFailedWritesRollBack() {
        memory.create(BlockCreate.text(NOTES, "", "a"));
        store.failWith = StoreException.Reason.BUSY;
        assertThat(error(() -> memory.read(NOTES))).isEqualTo(new MemoryError.StoreUnavailable("BUSY: test store set to fail"));
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.Append("b")))).isInstanceOf(MemoryError.StoreUnavailable.class);
        store.failWith = null;
        int before = store.transactions;
        assertThat(error(() -> memory.apply(NOTES, new MemoryOp.Replace("zzz", "y")))).isInstanceOf(MemoryError.InvalidOperation.class);
        assertThat(store.transactions).isEqualTo(before);
        assertThat(memory.read(NOTES).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void sharesNeedAdmin() {
        memory.create(create(NOTES, Tier.WORKING, Schema.TEXT, Permission.ADMIN, 100, ""));
        var s = memory.share(NOTES, "bob", Permission.READ_ONLY);
        assertThat(s.attachedAt()).isEqualTo(T0);
        assertThat(other.sharedWith("bob")).containsExactly(s);
        assertThat(memory.unshare(NOTES, "bob")).isTrue();
        assertThat(memory.unshare(NOTES, "bob")).isFalse();
        assertThat(error(() -> memory.share(BlockAddress.parse("local:proj/none"), "bob", Permission.ADMIN)))
                .isInstanceOf(MemoryError.NotFound.class);
    }

    @Test
    void configValidation() {
        assertThatThrownBy(() -> new MemoryEngine(store, 0, 5, Clock.systemUTC()))
                .hasMessage("dev.trellis.memory: default.char.limit must be >= 1, was 0");
        assertThatThrownBy(() -> new MemoryEngine(store, 10, 0, Clock.systemUTC()))
                .hasMessage("dev.trellis.memory: history.depth must be >= 1, was 0");
    }
}
