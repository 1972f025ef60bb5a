package dev.trellis.memory.internal;

import static dev.trellis.memory.internal.MemoryServiceImplTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Access;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shares live in the store (here the {@link InMemoryStore} double) and gate reads and searches. */
class SharedBlocksTest {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final Scope.Global ADA = new Scope.Global("ada");
    static final Scope.Global BOB = new Scope.Global("bob");
    static final BlockAddress ADA_NOTES = BlockAddress.of(ADA, "notes");
    static final BlockAddress ADA_DIARY = BlockAddress.of(ADA, "diary");

    final InMemoryStore store = new InMemoryStore();
    final MemoryEngine engine = new MemoryEngine(store, 5000, 5, Clock.fixed(T0, ZoneOffset.UTC));
    final MemoryService host = new MemoryServiceImpl(engine, PluginId.of("org.example.host"));
    final MemoryService bob = host.view(new ScopeBinding(BOB, Optional.empty(), IsolationPolicy.FULL));

    SharedBlocksTest() {
        host.create(new BlockCreate(ADA_NOTES, Tier.WORKING, Schema.TEXT, "notes", 1000, Permission.ADMIN, false,
                "ada's tea notes"));
        host.create(new BlockCreate(ADA_DIARY, Tier.WORKING, Schema.TEXT, "diary", 1000, Permission.ADMIN, false,
                "ada's private tea diary"));
    }

    @Test
    void sharesAreStoredNotHeldByTheEngine() {
        SharedBlock s = host.share(ADA_NOTES, "bob", Permission.READ_ONLY);
        // a fresh engine on the same store (a restarted memory bundle) sees the share
        MemoryEngine restarted = new MemoryEngine(store, 5000, 5, Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(new MemoryServiceImpl(restarted, PluginId.of("x")).sharedWith("bob")).containsExactly(s);
        assertThat(restarted.sharesOf(ADA_NOTES, Caller.plugin(PluginId.of("x")))).containsExactly(s);
        assertThat(restarted.hasSharedBlocksWith("bob", "ada")).isTrue();
    }

    @Test
    void aBoundAgentReadsOnlyWhatIsSharedWithItWithTheLowerPermission() {
        assertThat(bob.read(ADA_NOTES)).isEmpty();
        host.share(ADA_NOTES, "bob", Permission.APPEND);
        var seen = bob.read(ADA_NOTES).orElseThrow();
        assertThat(seen.content()).isEqualTo("ada's tea notes");
        assertThat(seen.metadata().permission()).isEqualTo(Permission.APPEND);
        assertThat(bob.metadata(ADA_NOTES).orElseThrow().permission()).isEqualTo(Permission.APPEND);
        assertThat(bob.read(ADA_DIARY)).isEmpty();
        // the owner's own permission caps an attachment that promises more
        host.apply(ADA_NOTES, new MemoryOp.PatchMetadata(dev.trellis.api.memory.MetadataPatch.NONE
                .withPermission(Permission.READ_ONLY)));
        assertThat(bob.read(ADA_NOTES).orElseThrow().metadata().permission()).isEqualTo(Permission.READ_ONLY);
        // attaching needs admin on the block, which it no longer has
        assertThat(error(() -> host.share(ADA_NOTES, "cyd", Permission.ADMIN)))
                .isEqualTo(new MemoryError.PermissionDenied(ADA_NOTES, Access.DELETE, Permission.READ_ONLY));
        MemoryService cyd = host.view(new ScopeBinding(new Scope.Global("cyd"), Optional.empty(), IsolationPolicy.FULL));
        assertThat(cyd.read(ADA_NOTES)).isEmpty();
        // writes are still governed by isolation: a share does not open the owner's scope
        assertThat(error(() -> bob.apply(ADA_NOTES, new MemoryOp.Append("!"))))
                .isEqualTo(new MemoryError.IsolationDenied(ADA_NOTES, IsolationPolicy.FULL));
    }

    @Test
    void unshareAndDeleteEndAccessAndARecreatedBlockIsNotShared() {
        host.share(ADA_NOTES, "bob", Permission.READ_ONLY);
        // bob cannot detach (or re-share) what he only reads: ada's scope is not his to write
        assertThat(error(() -> bob.unshare(ADA_NOTES, "bob")))
                .isEqualTo(new MemoryError.IsolationDenied(ADA_NOTES, IsolationPolicy.FULL));
        assertThat(error(() -> bob.share(ADA_NOTES, "bob", Permission.ADMIN)))
                .isEqualTo(new MemoryError.IsolationDenied(ADA_NOTES, IsolationPolicy.FULL));
        assertThat(host.unshare(ADA_NOTES, "bob")).isTrue();
        assertThat(bob.read(ADA_NOTES)).isEmpty();

        host.share(ADA_NOTES, "bob", Permission.READ_ONLY);
        host.apply(ADA_NOTES, new MemoryOp.Delete());
        assertThat(host.sharedWith("bob")).isEmpty();
        assertThat(engine.hasSharedBlocksWith("ada", "bob")).isFalse();
        host.create(BlockCreate.text(ADA_NOTES, "again", "new notes"));
        assertThat(bob.read(ADA_NOTES)).isEmpty();
        assertThat(host.sharedWith("bob")).isEmpty();
    }

    @Test
    void unshareNeedsAdminOnTheBlock() {
        BlockAddress log = BlockAddress.of(ADA, "log");
        host.create(new BlockCreate(log, Tier.WORKING, Schema.TEXT, "", 100, Permission.ADMIN, false, ""));
        host.share(log, "bob", Permission.READ_ONLY);
        host.apply(log, new MemoryOp.PatchMetadata(dev.trellis.api.memory.MetadataPatch.NONE.withPermission(Permission.APPEND)));
        MemoryService adaAgent = new ScopedMemory(engine, new Caller(new dev.trellis.api.memory.Author.Agent("ada"),
                new dev.trellis.api.memory.sync.Origin.Plugin(PluginId.of("org.example.host"), 0), View.ALL));
        assertThat(error(() -> adaAgent.unshare(log, "bob")))
                .isEqualTo(new MemoryError.PermissionDenied(log, Access.DELETE, Permission.APPEND));
        assertThat(host.sharedWith("bob")).extracting(SharedBlock::address).containsExactly(log);
        assertThatThrownBy(() -> host.share(log, " ", Permission.READ_ONLY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchReachesAnotherPersonaOnlyThroughAShareAndOnlyItsSharedBlocks() {
        host.insertArchival(ADA, "ada's archived tea", Optional.empty());
        SearchQuery inAda = new SearchQuery("tea", EnumSet.allOf(ContentType.class), List.of(ADA), 10);
        assertThat(bob.search(inAda)).isEmpty();
        assertThat(engine.hasSharedBlocksWith("ada", "bob")).isFalse();

        host.share(ADA_NOTES, "bob", Permission.READ_ONLY);
        assertThat(bob.search(inAda)).extracting(SearchHit::kind, SearchHit::ref).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ContentType.BLOCK, "notes"),
                org.assertj.core.groups.Tuple.tuple(ContentType.ARCHIVAL, "1"));
        // an unrelated persona stays out of reach
        MemoryService cyd = host.view(new ScopeBinding(new Scope.Global("cyd"), Optional.empty(), IsolationPolicy.FULL));
        assertThat(cyd.search(inAda)).isEmpty();
    }
}
