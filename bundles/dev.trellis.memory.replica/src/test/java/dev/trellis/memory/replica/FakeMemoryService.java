package dev.trellis.memory.replica;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.plugin.PluginId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST DOUBLE of the host's {@link MemoryService}: blocks in a map, revisions and hashes like the host,
 * text ops, a log-append that stamps entries (so a replica cannot replay it), delete, metadata patches
 * and a one-level-per-write undo/redo. Writes through the service interface are the replica's own (no
 * event, as the host does not echo them); {@link #applyAs} is "someone else" and returns the event the
 * host would publish, for the test to deliver. Methods a replica never calls throw.
 */
final class FakeMemoryService implements MemoryService {

    static final Author SELF = new Author.Plugin(PluginId.of("test.replica"));
    static final Origin OTHER = new Origin.Plugin(PluginId.of("test.other"), 0);

    private final Map<BlockAddress, Block> blocks = new HashMap<>();
    private final Map<BlockAddress, List<HistoryEntry>> history = new HashMap<>();
    private final Map<BlockAddress, Deque<String>> redo = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private long clock;

    synchronized Block put(BlockCreate c) {
        Block b = new Block(meta(c, new Author.System("test")), c.content(), 1, LocalOps.sha256(c.content()));
        blocks.put(c.address(), b);
        history.put(c.address(), new ArrayList<>(List.of(entry(b, "create", b.metadata().lastAuthor()))));
        return b;
    }

    /** A write by another party; returns the event the host would deliver to subscribers. */
    synchronized SyncEvent applyAs(Origin origin, BlockAddress address, MemoryOp op) {
        Author author = new Author.Plugin(((Origin.Plugin) origin).plugin());
        Block before = blocks.get(address);
        WriteResult r = write(address, op, author);
        return switch (op) {
            case MemoryOp.Delete d -> new SyncEvent.BlockGone(origin, address, SyncEvent.GoneReason.DELETED);
            case MemoryOp.PatchMetadata p -> new SyncEvent.MetadataChanged(origin, blocks.get(address).metadata());
            default -> new SyncEvent.Delta(origin, address, op, r.revision(), r.contentHash());
        } ;
    }

    /** A delete made behind the replica's back (its event "dropped"). */
    synchronized void vanish(BlockAddress address) {
        blocks.remove(address);
    }

    synchronized Optional<Block> stored(BlockAddress address) {
        return Optional.ofNullable(blocks.get(address));
    }

    synchronized List<Block> matching(dev.trellis.api.memory.sync.SyncFilter filter) {
        return blocks.values().stream().filter(b -> LocalOps.matches(filter, b.metadata()))
                .sorted(java.util.Comparator.comparing(b -> b.address().toString())).toList();
    }

    int readCount() {
        return reads.get();
    }

    @Override
    public synchronized Optional<Block> read(BlockAddress address) {
        reads.incrementAndGet();
        return Optional.ofNullable(blocks.get(address));
    }

    @Override
    public synchronized WriteResult create(BlockCreate c) {
        if (blocks.containsKey(c.address())) {
            throw new MemoryException(new MemoryError.AlreadyExists(c.address()));
        }
        Block b = new Block(meta(c, SELF), c.content(), 1, LocalOps.sha256(c.content()));
        blocks.put(c.address(), b);
        history.put(c.address(), new ArrayList<>(List.of(entry(b, "create", SELF))));
        return new WriteResult(c.address(), 1, b.contentHash());
    }

    @Override
    public synchronized WriteResult createOrReplace(BlockCreate c) {
        long revision = blocks.containsKey(c.address()) ? blocks.get(c.address()).revision() + 1 : 1;
        Block b = new Block(meta(c, SELF), c.content(), revision, LocalOps.sha256(c.content()));
        blocks.put(c.address(), b);
        history.put(c.address(), new ArrayList<>(List.of(entry(b, "create", SELF))));
        return new WriteResult(c.address(), revision, b.contentHash());
    }

    @Override
    public synchronized WriteResult apply(BlockAddress address, MemoryOp op) {
        return write(address, op, SELF);
    }

    @Override
    public synchronized WriteResult apply(BlockAddress address, MemoryOp op, long expectedRevision) {
        Block current = require(address);
        if (!op.commutes() && current.revision() != expectedRevision) {
            throw new MemoryException(new MemoryError.Conflict(address, expectedRevision, current.revision(), current.content()));
        }
        return write(address, op, SELF);
    }

    @Override
    public synchronized Optional<WriteResult> undo(BlockAddress address) {
        List<HistoryEntry> h = history.get(address);
        require(address);
        if (h.size() < 2) {
            return Optional.empty();
        }
        redo.computeIfAbsent(address, a -> new ArrayDeque<>()).push(h.get(h.size() - 1).content());
        String restored = h.get(h.size() - 2).content();
        return Optional.of(commit(address, restored, "undo", SELF, blocks.get(address).metadata()));
    }

    @Override
    public synchronized Optional<WriteResult> redo(BlockAddress address) {
        require(address);
        Deque<String> stack = redo.get(address);
        if (stack == null || stack.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(commit(address, stack.pop(), "redo", SELF, blocks.get(address).metadata()));
    }

    @Override
    public synchronized HistoryDepth historyDepth(BlockAddress address) {
        require(address);
        Deque<String> stack = redo.get(address);
        return new HistoryDepth(history.get(address).size() - 1, stack == null ? 0 : stack.size());
    }

    @Override
    public synchronized List<HistoryEntry> history(BlockAddress address, int limit) {
        require(address);
        List<HistoryEntry> newestFirst = new ArrayList<>(history.get(address));
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    private WriteResult write(BlockAddress address, MemoryOp op, Author author) {
        Block current = require(address);
        redo.remove(address);
        return switch (op) {
            case MemoryOp.Delete d -> {
                blocks.remove(address);
                yield new WriteResult(address, current.revision() + 1, current.contentHash());
            }
            case MemoryOp.PatchMetadata p -> {
                BlockMetadata m = current.metadata();
                BlockMetadata patched = new BlockMetadata(m.address(), m.tier(), m.schema(),
                        p.patch().description().orElse(m.description()), m.charLimit(), m.permission(), m.pinned(),
                        m.createdAt(), now(), author);
                yield commit(address, current.content(), op.kind(), author, patched);
            }
            case MemoryOp.LogAppend log -> commit(address,
                    current.content() + "\n{\"at\":\"" + now() + "\",\"author\":\"" + author.render() + "\","
                            + log.jsonEntry().substring(1),
                    op.kind(), author, current.metadata());
            default -> commit(address, LocalOps.apply(current.metadata().schema(), current.content(), op)
                    .orElseThrow(() -> new MemoryException(
                            new MemoryError.InvalidOperation(address, "fake cannot apply " + op.kind()))),
                    op.kind(), author, current.metadata());
        };
    }

    private WriteResult commit(BlockAddress address, String content, String kind, Author author, BlockMetadata m) {
        Block current = blocks.get(address);
        BlockMetadata next = new BlockMetadata(m.address(), m.tier(), m.schema(), m.description(), m.charLimit(),
                m.permission(), m.pinned(), m.createdAt(), now(), author);
        Block b = new Block(next, content, current.revision() + 1, LocalOps.sha256(content));
        blocks.put(address, b);
        history.get(address).add(entry(b, kind, author));
        return new WriteResult(address, b.revision(), b.contentHash());
    }

    private Block require(BlockAddress address) {
        Block b = blocks.get(address);
        if (b == null) {
            throw new MemoryException(new MemoryError.NotFound(address));
        }
        return b;
    }

    private BlockMetadata meta(BlockCreate c, Author author) {
        Instant at = now();
        return new BlockMetadata(c.address(), c.tier(), c.schema(), c.description(), c.charLimit(), c.permission(),
                c.pinned(), at, at, author);
    }

    private HistoryEntry entry(Block b, String kind, Author author) {
        return new HistoryEntry(b.revision(), kind, author, b.metadata().updatedAt(), b.content());
    }

    private Instant now() {
        return Instant.EPOCH.plusSeconds(++clock);
    }

    // ---- not used by MemoryReplica ----

    @Override
    public Optional<BlockMetadata> metadata(BlockAddress address) {
        throw new UnsupportedOperationException("test double: metadata");
    }

    @Override
    public List<BlockMetadata> list(ListFilter filter) {
        throw new UnsupportedOperationException("test double: list");
    }

    @Override
    public ArchivalEntry insertArchival(Scope scope, String content, Optional<String> metadataJson) {
        throw new UnsupportedOperationException("test double: insertArchival");
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        throw new UnsupportedOperationException("test double: search");
    }

    @Override
    public SharedBlock share(BlockAddress address, String agentId, Permission permission) {
        throw new UnsupportedOperationException("test double: share");
    }

    @Override
    public boolean unshare(BlockAddress address, String agentId) {
        throw new UnsupportedOperationException("test double: unshare");
    }

    @Override
    public List<SharedBlock> sharedWith(String agentId) {
        throw new UnsupportedOperationException("test double: sharedWith");
    }

    @Override
    public MemoryService view(ScopeBinding binding) {
        throw new UnsupportedOperationException("test double: view");
    }

    @Override
    public MemoryService actingFor(Author author) {
        throw new UnsupportedOperationException("test double: actingFor");
    }
}
