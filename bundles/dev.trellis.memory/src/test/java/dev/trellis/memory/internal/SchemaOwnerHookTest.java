package dev.trellis.memory.internal;

import static dev.trellis.memory.internal.MemoryServiceImplTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.schema.SchemaOwner;
import dev.trellis.api.memory.schema.SchemaViolation;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The schema-owner hook and delegated authorship, against the in-memory store double. */
class SchemaOwnerHookTest {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final PluginId TASKS = PluginId.of("dev.trellis.tasks");
    static final PluginId STRANGER = PluginId.of("org.example.stranger");
    static final BlockAddress LIST = BlockAddress.parse("local:proj/sprint");

    final InMemoryStore store = new InMemoryStore();
    final MemoryEngine engine = new MemoryEngine(store, 5000, 5, Clock.fixed(T0, ZoneOffset.UTC),
            EnumSet.of(Schema.TASK_LIST), Set.of(TASKS.value()));
    final MemoryService memory = new MemoryServiceImpl(engine, TASKS);
    final MemoryService stranger = new MemoryServiceImpl(engine, STRANGER);

    /**
     * An owner that upper-cases content, refuses content containing "bad", fails its index update on content
     * containing "boom", and records what it was told, with whether the block was already visible in the
     * transaction it was called in (it must be: same transaction).
     */
    static final class RecordingOwner implements SchemaOwner {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final String tag;

        RecordingOwner(String tag) {
            this.tag = tag;
        }

        @Override
        public Schema schema() {
            return Schema.TASK_LIST;
        }

        @Override
        public String normalize(BlockAddress address, String content) {
            if (content.contains("bad")) {
                throw new SchemaViolation("line 1, column " + (content.indexOf("bad") + 1), "'bad' is not allowed here");
            }
            return content.toUpperCase(Locale.ROOT);
        }

        @Override
        public void written(StoreTransaction tx, Block block) {
            if (block.content().contains("BOOM")) {
                throw new IllegalStateException("index update failed");
            }
            boolean inTx = tx.blocks().find(block.address()).map(b -> b.revision() == block.revision()).orElse(false);
            calls.add(tag + " written " + block.address().label() + "@" + block.revision() + " " + block.content()
                    + (inTx ? " (in tx)" : " (NOT in tx)"));
        }

        @Override
        public void removed(StoreTransaction tx, BlockAddress address) {
            calls.add(tag + " removed " + address.label() + (tx.blocks().find(address).isEmpty() ? " (in tx)" : " (NOT in tx)"));
        }

        @Override
        public String render(Block block) {
            return tag + " renders " + block.content().length() + " chars";
        }
    }

    static BlockCreate list(String content) {
        return new BlockCreate(LIST, Tier.WORKING, Schema.TASK_LIST, "", 5000, Permission.ADMIN, false, content);
    }

    @Test
    void withoutItsOwnerAnOwnedSchemaIsNotWrittenAtAll() {
        MemoryError e = error(() -> memory.create(list("{}")));
        assertThat(e).isInstanceOf(MemoryError.StoreUnavailable.class);
        assertThat(e.message()).contains("local:proj/sprint has schema task-list", "dev.trellis.tasks", "nothing was written",
                "Retry");
        assertThat(memory.read(LIST)).isEmpty();
        // other schemas are untouched by it
        memory.create(BlockCreate.text(BlockAddress.parse("local:proj/notes"), "", "fine"));
    }

    @Test
    void theOwnerNormalizesAndIndexesInTheSameTransaction() {
        RecordingOwner owner = new RecordingOwner("a");
        engine.bindOwner(owner, 0, 1);
        memory.create(list("{}"));
        memory.apply(LIST, new MemoryOp.Set("{\"x\":1}"));
        memory.apply(LIST, new MemoryOp.PatchMetadata(dev.trellis.api.memory.MetadataPatch.NONE.withPinned(true)));
        assertThat(memory.read(LIST).orElseThrow().content()).isEqualTo("{\"X\":1}");
        assertThat(owner.calls).containsExactly("a written sprint@1 {} (in tx)", "a written sprint@2 {\"X\":1} (in tx)",
                "a written sprint@3 {\"X\":1} (in tx)");
        assertThat(engine.renderer().block(memory.read(LIST).orElseThrow())).contains("a renders 7 chars");
    }

    @Test
    void aViolationIsALocatedInvalidOperationAndWritesNothing() {
        engine.bindOwner(new RecordingOwner("a"), 0, 1);
        memory.create(list("{}"));
        MemoryError e = error(() -> memory.apply(LIST, new MemoryOp.Set("{\"bad\":1}")));
        assertThat(e).isEqualTo(new MemoryError.InvalidOperation(LIST, "line 1, column 3: 'bad' is not allowed here"));
        assertThat(memory.read(LIST).orElseThrow().revision()).isEqualTo(1);
        // ops other than set do not fit the schema
        assertThat(error(() -> memory.apply(LIST, new MemoryOp.Append("x")))).isInstanceOf(MemoryError.InvalidOperation.class);
    }

    @Test
    void aFailingIndexUpdateRollsTheBlockWriteBack() {
        RecordingOwner owner = new RecordingOwner("a");
        engine.bindOwner(owner, 0, 1);
        memory.create(list("{}"));
        assertThatThrownBy(() -> memory.apply(LIST, new MemoryOp.Set("boom"))).hasMessage("index update failed");
        Block b = memory.read(LIST).orElseThrow();
        assertThat(b.revision()).isEqualTo(1);
        assertThat(b.content()).isEqualTo("{}");
        assertThat(memory.history(LIST, 10)).hasSize(1);
        assertThatThrownBy(() -> memory.create(new BlockCreate(BlockAddress.parse("local:proj/other"), Tier.WORKING,
                Schema.TASK_LIST, "", 5000, Permission.ADMIN, false, "boom"))).hasMessage("index update failed");
        assertThat(memory.read(BlockAddress.parse("local:proj/other"))).isEmpty();
    }

    @Test
    void deleteUndoAndSchemaChangingReplaceReachTheOwner() {
        RecordingOwner owner = new RecordingOwner("a");
        engine.bindOwner(owner, 0, 1);
        memory.create(list("one"));
        memory.apply(LIST, new MemoryOp.Set("two"));
        memory.undo(LIST);
        memory.createOrReplace(new BlockCreate(LIST, Tier.WORKING, Schema.TEXT, "", 5000, Permission.ADMIN, false, "now text"));
        memory.createOrReplace(list("back"));
        memory.apply(LIST, new MemoryOp.Delete());
        assertThat(owner.calls).containsExactly("a written sprint@1 ONE (in tx)", "a written sprint@2 TWO (in tx)",
                "a written sprint@3 ONE (in tx)", "a removed sprint (in tx)", "a written sprint@5 BACK (in tx)",
                "a removed sprint (in tx)");
    }

    @Test
    void aDeltaOfASetCarriesTheStoredForm() throws Exception {
        engine.bindOwner(new RecordingOwner("a"), 0, 1);
        memory.create(list("{}"));
        var received = new java.util.concurrent.LinkedBlockingQueue<SyncEvent>();
        try (var sub = engine.subscribe(STRANGER, SyncFilter.scope(LIST.scope()), received::add, 16)) {
            assertThat(received.poll(10, TimeUnit.SECONDS)).isInstanceOf(SyncEvent.BlockAvailable.class);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isInstanceOf(SyncEvent.Ready.class);
            memory.apply(LIST, new MemoryOp.Set("lower"));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(SyncEvent.Delta.class,
                    d -> assertThat(d.op()).isEqualTo(new MemoryOp.Set("LOWER")));
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void theHighestRankedOwnerWinsAndLeavingOwnersAreNotUsed() {
        RecordingOwner low = new RecordingOwner("low");
        RecordingOwner high = new RecordingOwner("high");
        engine.bindOwner(low, 0, 1);
        engine.bindOwner(high, 10, 2);
        memory.create(list("x"));
        engine.unbindOwner(high);
        memory.apply(LIST, new MemoryOp.Set("y"));
        engine.unbindOwner(low);
        assertThat(error(() -> memory.apply(LIST, new MemoryOp.Set("z")))).isInstanceOf(MemoryError.StoreUnavailable.class);
        assertThat(high.calls).containsExactly("high written sprint@1 X (in tx)");
        assertThat(low.calls).containsExactly("low written sprint@2 Y (in tx)");
        assertThat(memory.read(LIST).orElseThrow().content()).isEqualTo("Y");
    }

    @Test
    void trustedBundlesWriteForOthersAndTheOriginStaysTheirs() throws Exception {
        BlockAddress notes = BlockAddress.parse("local:proj/notes");
        MemoryService asAda = memory.actingFor(new Author.Agent("ada"));
        asAda.create(BlockCreate.text(notes, "", "by ada"));
        assertThat(memory.read(notes).orElseThrow().metadata().lastAuthor()).isEqualTo(new Author.Agent("ada"));
        assertThat(memory.history(notes, 1).getFirst().author()).isEqualTo(new Author.Agent("ada"));
        // the view and the author compose
        MemoryService viewAsBo = memory.view(new dev.trellis.api.memory.ScopeBinding(
                new dev.trellis.api.memory.Scope.Global("bo"), java.util.Optional.of(new dev.trellis.api.memory.Scope.Local("proj")),
                dev.trellis.api.memory.IsolationPolicy.NONE)).actingFor(new Author.Human("admin"));
        viewAsBo.apply(notes, new MemoryOp.Append("!"));
        assertThat(memory.read(notes).orElseThrow().metadata().lastAuthor()).isEqualTo(new Author.Human("admin"));
    }

    @Test
    void otherBundlesMayNotWriteForOthers() {
        assertThatThrownBy(() -> stranger.actingFor(new Author.Agent("ada"))).isInstanceOf(SecurityException.class)
                .hasMessage("bundle org.example.stranger may not write memory for others; only the bundles in the"
                        + " dev.trellis.memory configuration property delegate.bundles may (dev.trellis.tasks)");
    }
}
