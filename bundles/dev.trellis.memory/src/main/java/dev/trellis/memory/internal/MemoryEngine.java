package dev.trellis.memory.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.memory.Access;
import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MetadataPatch;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.api.memory.schema.SchemaOwner;
import dev.trellis.api.memory.schema.SchemaViolation;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.memory.sync.SyncListener;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.store.Work;
import dev.trellis.memory.internal.core.ContentOps;
import dev.trellis.memory.internal.core.Errors;
import dev.trellis.memory.internal.core.Hashes;
import dev.trellis.memory.internal.core.Renderer;
import dev.trellis.memory.internal.core.UndoHistory;
import dev.trellis.memory.internal.core.WriteRules;
import dev.trellis.memory.internal.sync.SyncHub;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one memory engine of the host: runs every read and write in a store transaction, applies the
 * core rules, and publishes committed changes to memory-sync. The bundle-scoped services delegate
 * here with their {@link Caller}. Registered under its own (private) class, for this bundle only.
 *
 * <p>Writes are serialized by one lock that also covers publishing, so subscribers see a block's
 * changes in revision order. The store serializes writers anyway (SQLite), so this costs nothing.
 *
 * <p>Blocks whose schema has a {@link SchemaOwner} (tasks own {@code task-list}) are written through it: it
 * checks and normalizes new content, and updates its derived index in the write's own transaction. Schemas
 * listed in {@code owned.schemas} are not written at all while their owner is away.
 */
@Component(service = MemoryEngine.class, configurationPid = "dev.trellis.memory")
@Designate(ocd = MemoryConfig.class)
public final class MemoryEngine {

    private final StoreService store;
    private final int defaultCharLimit;
    private final int historyDepth;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ContentOps ops = new ContentOps(mapper);
    private final SchemaOwners owners;
    private final Set<String> delegates;
    private final Renderer renderer;
    private final SyncHub hub = new SyncHub(this::snapshot);
    private final ReentrantLock writeLock = new ReentrantLock();

    @Activate
    public MemoryEngine(@Reference(name = "store") StoreService store, MemoryConfig config) {
        this(store, config.default_char_limit(), config.history_depth(), Clock.systemUTC(),
                schemas(config.owned_schemas()), Set.of(config.delegate_bundles()));
    }

    /** With the configuration defaults for owned schemas ({@code task-list}) and no trusted delegates. */
    MemoryEngine(StoreService store, int defaultCharLimit, int historyDepth, Clock clock) {
        this(store, defaultCharLimit, historyDepth, clock, EnumSet.of(Schema.TASK_LIST), Set.of());
    }

    MemoryEngine(StoreService store, int defaultCharLimit, int historyDepth, Clock clock, Set<Schema> ownedSchemas,
            Set<String> delegates) {
        this.owners = new SchemaOwners(ownedSchemas);
        this.delegates = Set.copyOf(delegates);
        this.renderer = new Renderer(ops, b -> owners.of(b.metadata().schema()).map(o -> o.render(b)));
        this.store = Objects.requireNonNull(store, "store");
        if (defaultCharLimit < 1) {
            throw new IllegalArgumentException("dev.trellis.memory: default.char.limit must be >= 1, was " + defaultCharLimit);
        }
        if (historyDepth < 1) {
            throw new IllegalArgumentException("dev.trellis.memory: history.depth must be >= 1, was " + historyDepth);
        }
        this.defaultCharLimit = defaultCharLimit;
        this.historyDepth = historyDepth;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Deactivate
    void deactivate() {
        hub.closeAll();
    }

    private static Set<Schema> schemas(String[] ids) {
        Set<Schema> out = EnumSet.noneOf(Schema.class);
        Arrays.stream(ids).map(String::strip).filter(id -> !id.isEmpty()).map(id -> {
            try {
                return Schema.parse(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dev.trellis.memory: owned.schemas: " + e.getMessage(), e);
            }
        }).forEach(out::add);
        return out;
    }

    @Reference(name = "owners", service = SchemaOwner.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindOwner(SchemaOwner owner, Map<String, Object> properties) {
        bindOwner(owner, properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                ((Number) properties.get(Constants.SERVICE_ID)).longValue());
    }

    void bindOwner(SchemaOwner owner, int ranking, long serviceId) {
        owners.bind(owner, ranking, serviceId);
    }

    void unbindOwner(SchemaOwner owner) {
        owners.unbind(owner);
    }

    /**
     * Whether the caller may author writes as someone else ({@code MemoryService.actingFor}): the host's own
     * callers may, plugins only if their bundle is listed in {@code delegate.bundles}.
     *
     * @throws SecurityException if it may not
     */
    void checkDelegate(Caller caller) {
        if (caller.origin() instanceof dev.trellis.api.memory.sync.Origin.Plugin p && !delegates.contains(p.plugin().value())) {
            throw new SecurityException("bundle " + p.plugin().value() + " may not write memory for others;"
                    + " only the bundles in the dev.trellis.memory configuration property delegate.bundles may ("
                    + String.join(", ", new java.util.TreeSet<>(delegates)) + ")");
        }
    }

    int defaultCharLimit() {
        return defaultCharLimit;
    }

    Renderer renderer() {
        return renderer;
    }

    SyncHub hub() {
        return hub;
    }

    // ---- reads

    Optional<Block> read(BlockAddress address, Caller caller) {
        return storeRead(tx -> readable(tx, address, caller.view()));
    }

    /**
     * The block if the view shows it, or if it is attached to the view's agent; a block read through
     * an attachment carries the effective permission (the lower of the attachment's and its own).
     */
    private static Optional<Block> readable(StoreTransaction tx, BlockAddress address, View view) {
        Optional<Block> block = tx.blocks().find(address);
        if (block.isEmpty() || view.canRead(block.get().metadata())) {
            return block;
        }
        return view.agent().flatMap(agent -> tx.sharedBlocks().find(address, agent))
                .map(share -> View.throughShare(block.get(), share));
    }

    Optional<BlockMetadata> metadata(BlockAddress address, Caller caller) {
        return read(address, caller).map(Block::metadata);
    }

    List<BlockMetadata> list(ListFilter filter, Caller caller) {
        return storeRead(tx -> tx.blocks().list(filter)).stream().filter(caller.view()::canRead).toList();
    }

    HistoryDepth historyDepth(BlockAddress address, Caller caller) {
        return storeRead(tx -> {
            visible(tx, address, caller);
            return UndoHistory.of(tx.history().newest(address, historyDepth)).depth();
        });
    }

    List<HistoryEntry> history(BlockAddress address, int limit, Caller caller) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be >= 1, was " + limit);
        }
        return storeRead(tx -> {
            visible(tx, address, caller);
            return tx.history().newest(address, limit);
        });
    }

    /** The block if it exists and the caller's view shows it. @throws MemoryException NotFound */
    private static Block visible(StoreTransaction tx, BlockAddress address, Caller caller) {
        return tx.blocks().find(address).filter(b -> caller.view().canRead(b.metadata()))
                .orElseThrow(() -> Errors.of(new MemoryError.NotFound(address)));
    }

    /** Blocks matching a sync filter, for snapshots. */
    List<Block> snapshot(SyncFilter filter) {
        return storeRead(tx -> switch (filter) {
            case SyncFilter.ByPattern p -> {
                ListFilter lf = new ListFilter(p.scope(),
                        p.labelPrefix().isEmpty() ? Optional.empty() : Optional.of(p.labelPrefix()), Optional.empty(),
                        p.schema());
                List<Block> out = new ArrayList<>();
                for (BlockMetadata m : tx.blocks().list(lf)) {
                    tx.blocks().find(m.address()).ifPresent(out::add);
                }
                yield out;
            }
            case SyncFilter.Addresses a -> a.addresses().stream().flatMap(x -> tx.blocks().find(x).stream()).toList();
        });
    }

    // ---- writes

    WriteResult create(BlockCreate c, Caller caller) {
        caller.view().checkWrite(c.address());
        Optional<SchemaOwner> owner = owners.forWrite(c.address(), c.schema());
        String content = normalize(owner, c.address(), c.schema(), c.content());
        WriteRules.checkCharLimit(c.address(), c.charLimit(), content);
        return write(tx -> {
            if (tx.blocks().find(c.address()).isPresent()) {
                throw Errors.of(new MemoryError.AlreadyExists(c.address()));
            }
            Block block = newBlock(c, content, 1, caller);
            // a block deleted earlier may have left history behind; a new block starts fresh
            tx.history().clear(c.address());
            insert(tx, block);
            record(tx, block, UndoHistory.CREATE, caller);
            owner.ifPresent(o -> o.written(tx, block));
            return Committed.event(block, new SyncEvent.BlockAvailable(caller.origin(), block));
        });
    }

    /** The stored form of new content: the schema owner's when there is one, else the core rules'. */
    private String normalize(Optional<SchemaOwner> owner, BlockAddress address, Schema schema, String content) {
        if (owner.isEmpty()) {
            return ops.normalize(address, schema, content);
        }
        try {
            return Objects.requireNonNull(owner.get().normalize(address, content),
                    () -> "schema owner of " + schema.id() + " normalized " + address + " to null");
        } catch (SchemaViolation e) {
            throw new MemoryException(new MemoryError.InvalidOperation(address, e.getMessage()), e);
        }
    }

    WriteResult createOrReplace(BlockCreate c, Caller caller) {
        caller.view().checkWrite(c.address());
        Optional<SchemaOwner> owner = owners.forWrite(c.address(), c.schema());
        String content = normalize(owner, c.address(), c.schema(), c.content());
        WriteRules.checkCharLimit(c.address(), c.charLimit(), content);
        return write(tx -> {
            Optional<Block> existing = tx.blocks().find(c.address());
            long revision = 1;
            if (existing.isPresent()) {
                Schema before = existing.get().metadata().schema();
                WriteRules.checkPermission(c.address(), existing.get().metadata().permission(), Access.DELETE,
                        caller.author());
                revision = existing.get().revision() + 1;
                tx.blocks().delete(c.address());
                if (before != c.schema()) {
                    owners.forWrite(c.address(), before).ifPresent(o -> o.removed(tx, c.address()));
                }
            }
            Block block = newBlock(c, content, revision, caller);
            tx.history().clear(c.address());
            insert(tx, block);
            record(tx, block, UndoHistory.CREATE, caller);
            owner.ifPresent(o -> o.written(tx, block));
            Optional<BlockMetadata> before = existing.map(Block::metadata);
            return new Committed(block, hub -> hub.publishReplacement(caller.origin(), before, block));
        });
    }

    WriteResult apply(BlockAddress address, MemoryOp op, OptionalLong expectedRevision, Caller caller) {
        Objects.requireNonNull(op, "op");
        caller.view().checkWrite(address);
        return write(tx -> {
            Block current = tx.blocks().find(address).orElseThrow(() -> Errors.of(new MemoryError.NotFound(address)));
            BlockMetadata m = current.metadata();
            WriteRules.checkPermission(address, m.permission(), op.access(), caller.author());
            WriteRules.checkRevision(current, op, expectedRevision);
            Optional<SchemaOwner> owner = owners.forWrite(address, m.schema());
            Instant now = clock.instant();
            return switch (op) {
                case MemoryOp.Delete d -> {
                    tx.blocks().delete(address);
                    owner.ifPresent(o -> o.removed(tx, address));
                    // the deletion is recorded; a later create at this address clears it
                    tx.history().append(address, new HistoryEntry(current.revision() + 1, op.kind(), caller.author(), now,
                            current.content()));
                    Block gone = new Block(m, current.content(), current.revision() + 1, current.contentHash());
                    yield Committed.event(gone, new SyncEvent.BlockGone(caller.origin(), address,
                            SyncEvent.GoneReason.DELETED));
                }
                case MemoryOp.PatchMetadata p -> {
                    BlockMetadata patched = patch(m, p.patch(), now, caller);
                    WriteRules.checkCharLimit(address, patched.charLimit(), current.content());
                    Block next = new Block(patched, current.content(), current.revision() + 1, current.contentHash());
                    update(tx, next, current.revision());
                    record(tx, next, op.kind(), caller);
                    owner.ifPresent(o -> o.written(tx, next));
                    yield Committed.event(next, new SyncEvent.MetadataChanged(caller.origin(), patched));
                }
                default -> {
                    // an owner checks every new content of its schema and gives the stored form; a Set is
                    // announced with that form, so replicas applying the Delta get the stored content
                    String raw = op instanceof MemoryOp.Set set && owner.isPresent() ? set.content()
                            : ops.apply(address, m.schema(), current.content(), op, caller.author(), now);
                    String content = owner.isPresent() ? normalize(owner, address, m.schema(), raw) : raw;
                    MemoryOp applied = op instanceof MemoryOp.Set && owner.isPresent() ? new MemoryOp.Set(content) : op;
                    WriteRules.checkCharLimit(address, m.charLimit(), content);
                    Block next = withContent(current, content, now, caller);
                    update(tx, next, current.revision());
                    record(tx, next, op.kind(), caller);
                    owner.ifPresent(o -> o.written(tx, next));
                    yield Committed.event(next, new SyncEvent.Delta(caller.origin(), address, applied, next.revision(),
                            next.contentHash()));
                }
            };
        });
    }

    Optional<WriteResult> undo(BlockAddress address, Caller caller) {
        return restore(address, caller, true);
    }

    Optional<WriteResult> redo(BlockAddress address, Caller caller) {
        return restore(address, caller, false);
    }

    private Optional<WriteResult> restore(BlockAddress address, Caller caller, boolean undo) {
        caller.view().checkWrite(address);
        WriteResult r = write(tx -> {
            Block current = tx.blocks().find(address).orElseThrow(() -> Errors.of(new MemoryError.NotFound(address)));
            WriteRules.checkPermission(address, current.metadata().permission(), Access.OVERWRITE, caller.author());
            Optional<SchemaOwner> owner = owners.forWrite(address, current.metadata().schema());
            UndoHistory h = UndoHistory.of(tx.history().newest(address, historyDepth));
            Optional<String> found = undo ? h.undoTarget() : h.redoTarget();
            if (found.isEmpty()) {
                return null;
            }
            // an owner checks restored content too: it may have been stored under older rules
            String target = owner.isPresent() ? normalize(owner, address, current.metadata().schema(), found.get())
                    : found.get();
            WriteRules.checkCharLimit(address, current.metadata().charLimit(), target);
            Block next = withContent(current, target, clock.instant(), caller);
            update(tx, next, current.revision());
            record(tx, next, undo ? UndoHistory.UNDO : UndoHistory.REDO, caller);
            owner.ifPresent(o -> o.written(tx, next));
            return Committed.event(next, new SyncEvent.Delta(caller.origin(), address,
                    new MemoryOp.Set(target), next.revision(), next.contentHash()));
        });
        return Optional.ofNullable(r);
    }

    ArchivalEntry insertArchival(Scope scope, String content, Optional<String> metadataJson, Caller caller) {
        Objects.requireNonNull(content, "content");
        // archival has no label; errors name the scope's archival as a pseudo address
        BlockAddress where = BlockAddress.of(scope, "archival");
        caller.view().checkWrite(where);
        metadataJson.ifPresent(json -> {
            JsonNode node = ops.parse(where, json, "archival metadata");
            if (!node.isObject()) {
                throw Errors.invalid(where, "archival metadata must be a JSON object, was " + json);
            }
        });
        return inTx(tx -> tx.archival().insert(scope, content, metadataJson));
    }

    List<SearchHit> search(SearchQuery query, Caller caller) {
        View view = caller.view();
        try {
            return store.read(tx -> {
                List<Scope> scopes;
                if (!query.scopes().isEmpty()) {
                    scopes = query.scopes().stream().filter(s -> view.mayRead(s) || sharesWith(tx, view, s)).toList();
                } else if (view.binding().isPresent()) {
                    scopes = view.boundScopes();
                } else {
                    scopes = allScopes(tx);
                }
                if (scopes.isEmpty()) {
                    return List.<SearchHit>of();
                }
                SearchQuery narrowed = new SearchQuery(query.text(), query.types(), scopes, query.limit());
                return tx.search().search(narrowed).stream()
                        .filter(hit -> hit.kind() != ContentType.BLOCK || blockHitVisible(tx, hit, view)).toList();
            });
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.BAD_QUERY) {
                throw new MemoryException(new MemoryError.QueryError(query.text(), e.getMessage()), e);
            }
            throw translate(e);
        }
    }

    private static boolean blockHitVisible(StoreTransaction tx, SearchHit hit, View view) {
        if (view.binding().isEmpty()) {
            return true;
        }
        try {
            return readable(tx, BlockAddress.of(hit.scope(), hit.ref()), view).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reference §1.3: a bound agent may search another agent's persona scope when the two share a
     * block; block hits there are still filtered to the blocks it may read.
     */
    private static boolean sharesWith(StoreTransaction tx, View view, Scope scope) {
        return scope instanceof Scope.Global other && view.agent()
                .map(agent -> tx.sharedBlocks().hasSharedBlocksWith(agent, other.id())).orElse(false);
    }

    /** Every scope holding blocks, archival entries or agents' messages (an unbound view reads them all). */
    private static List<Scope> allScopes(StoreTransaction tx) {
        Set<Scope> out = new LinkedHashSet<>(tx.blocks().scopesWithBlocks());
        out.addAll(tx.archival().scopesWithEntries());
        out.addAll(tx.messages().scopesWithMessages());
        return List.copyOf(out);
    }

    /** Attaching and detaching need admin on the block, as deleting does (it hands out access). */
    SharedBlock share(BlockAddress address, String agentId, Permission permission, Caller caller) {
        requireAgent(agentId);
        Objects.requireNonNull(permission, "permission");
        caller.view().checkWrite(address);
        return inTx(tx -> {
            Block block = visible(tx, address, caller);
            WriteRules.checkPermission(address, block.metadata().permission(), Access.DELETE, caller.author());
            SharedBlock shared = new SharedBlock(address, agentId, permission, clock.instant());
            if (!tx.sharedBlocks().attach(shared)) {
                throw Errors.of(new MemoryError.NotFound(address));
            }
            return shared;
        });
    }

    boolean unshare(BlockAddress address, String agentId, Caller caller) {
        requireAgent(agentId);
        caller.view().checkWrite(address);
        return inTx(tx -> {
            Optional<Block> block = tx.blocks().find(address).filter(b -> caller.view().canRead(b.metadata()));
            if (block.isEmpty()) {
                return false;
            }
            WriteRules.checkPermission(address, block.get().metadata().permission(), Access.DELETE, caller.author());
            return tx.sharedBlocks().detach(address, agentId);
        });
    }

    List<SharedBlock> sharedWith(String agentId) {
        requireAgent(agentId);
        return storeRead(tx -> tx.sharedBlocks().sharedWith(agentId));
    }

    List<SharedBlock> sharesOf(BlockAddress address, Caller caller) {
        return storeRead(tx -> {
            visible(tx, address, caller);
            return tx.sharedBlocks().sharesOf(address);
        });
    }

    /** True if one of the two agents attached a block of its persona scope to the other. */
    boolean hasSharedBlocksWith(String agentA, String agentB) {
        requireAgent(agentA);
        requireAgent(agentB);
        return storeRead(tx -> tx.sharedBlocks().hasSharedBlocksWith(agentA, agentB));
    }

    private static void requireAgent(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        if (agentId.isBlank()) {
            throw new IllegalArgumentException("agentId is blank");
        }
    }

    Subscription subscribe(PluginId subscriber, SyncFilter filter, SyncListener listener, int queueDepth) {
        return hub.subscribe(subscriber, filter, listener, queueDepth);
    }

    // ---- helpers

    /** A committed write and how to announce it to memory-sync (run after commit, under the write lock). */
    private record Committed(Block block, java.util.function.Consumer<SyncHub> announce) {

        static Committed event(Block block, SyncEvent event) {
            return new Committed(block, hub -> hub.publish(event, block.metadata()));
        }
    }

    private WriteResult write(Work<Committed> work) {
        writeLock.lock();
        try {
            Committed c = inTx(work);
            if (c == null) {
                return null;
            }
            c.announce().accept(hub);
            return new WriteResult(c.block().address(), c.block().revision(), c.block().contentHash());
        } finally {
            writeLock.unlock();
        }
    }

    private Block newBlock(BlockCreate c, String content, long revision, Caller caller) {
        Instant now = clock.instant();
        BlockMetadata m = new BlockMetadata(c.address(), c.tier(), c.schema(), c.description(), c.charLimit(),
                c.permission(), c.pinned(), now, now, caller.author());
        return new Block(m, content, revision, Hashes.sha256(content));
    }

    private static Block withContent(Block current, String content, Instant now, Caller caller) {
        BlockMetadata m = current.metadata();
        BlockMetadata next = new BlockMetadata(m.address(), m.tier(), m.schema(), m.description(), m.charLimit(),
                m.permission(), m.pinned(), m.createdAt(), now, caller.author());
        return new Block(next, content, current.revision() + 1, Hashes.sha256(content));
    }

    private static BlockMetadata patch(BlockMetadata m, MetadataPatch p, Instant now, Caller caller) {
        return new BlockMetadata(m.address(), p.tier().orElse(m.tier()), m.schema(),
                p.description().orElse(m.description()), p.charLimit().orElse(m.charLimit()),
                p.permission().orElse(m.permission()), p.pinned().orElse(m.pinned()), m.createdAt(), now,
                caller.author());
    }

    private static void insert(StoreTransaction tx, Block block) {
        try {
            tx.blocks().insert(block);
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.CONSTRAINT) {
                throw new MemoryException(new MemoryError.AlreadyExists(block.address()), e);
            }
            throw e;
        }
    }

    private static void update(StoreTransaction tx, Block next, long expectedRevision) {
        if (!tx.blocks().update(next, expectedRevision)) {
            // cannot happen while writes hold the write lock, unless someone writes around this engine
            throw new MemoryException(new MemoryError.StoreUnavailable(
                    "block " + next.address() + " changed outside the memory service during the write"));
        }
    }

    private void record(StoreTransaction tx, Block block, String kind, Caller caller) {
        tx.history().append(block.address(), new HistoryEntry(block.revision(), kind, caller.author(),
                block.metadata().updatedAt(), block.content()));
        tx.history().trim(block.address(), historyDepth);
    }

    private <T> T inTx(Work<T> work) {
        try {
            return store.inTransaction(work);
        } catch (StoreException e) {
            throw translate(e);
        }
    }

    private <T> T storeRead(Work<T> work) {
        try {
            return store.read(work);
        } catch (StoreException e) {
            throw translate(e);
        }
    }

    private static MemoryException translate(StoreException e) {
        return new MemoryException(new MemoryError.StoreUnavailable(e.getMessage()), e);
    }
}
