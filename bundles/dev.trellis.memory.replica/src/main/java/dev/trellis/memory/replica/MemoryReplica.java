package dev.trellis.memory.replica;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A local copy of the blocks matching a {@link SyncFilter}, kept current by a memory-sync subscription.
 *
 * <p><b>Setup.</b> Pass the plugin's own (bundle-scoped) {@link MemoryService} and {@link MemorySync};
 * the constructor subscribes at once. {@link #awaitReady(Duration)} waits for the initial snapshot.
 * {@link #close()} unsubscribes; a replica cannot be reopened (make a new one, e.g. when the memory
 * services are bound again after the memory bundle restarted).
 *
 * <p><b>Keeping current.</b> A {@code Delta} is replayed on the copy when the copy is at the revision
 * before it and the op can be computed locally (set, append, replace on text and skill blocks); the
 * result must have the content hash the host sent. Otherwise (other revision, hash mismatch, JSON
 * schemas, log entries the host stamps, metadata changes) the block is re-read from the
 * {@link MemoryService}. A {@code Resync} keeps serving the old copy until the fresh snapshot is
 * complete, then drops the blocks it no longer contained.
 *
 * <p><b>Writes</b> go through the {@link MemoryService} (authored by the plugin's bundle) and then update
 * the copy from the {@link WriteResult}, because the host does not echo a plugin's own writes. Writes
 * outside the filter are passed through and not kept. Undo, redo and history pass through as well.
 *
 * <p><b>Metadata.</b> A locally replayed op leaves {@code updatedAt} and {@code lastAuthor} as of the
 * last full read of the block; {@link #history(BlockAddress, int)} tells who wrote each revision.
 *
 * <p>Thread-safe: reads and writes may come from any thread while events arrive on the subscription's
 * thread; a block in the copy never goes back to an older revision.
 */
public final class MemoryReplica implements AutoCloseable {

    private final MemoryService memory;
    private final SyncFilter filter;
    private final ReplicaListener listener;
    private final Map<BlockAddress, Block> blocks = new ConcurrentHashMap<>();
    /** Addresses announced (or written here) since the current snapshot started. */
    private final Set<BlockAddress> announced = ConcurrentHashMap.newKeySet();
    /** Addresses this replica deleted; an announcement still queued for one is checked by a read. */
    private final Set<BlockAddress> deletedHere = ConcurrentHashMap.newKeySet();
    private final ReentrantLock readyLock = new ReentrantLock();
    private final Condition readyChanged = readyLock.newCondition();
    private boolean ready; // guarded by readyLock
    private volatile boolean snapshotting = true;
    private volatile boolean closed;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicReference<RuntimeException> lastReadFailure = new AtomicReference<>();
    private final Subscription subscription;

    /** A replica without a listener. */
    public MemoryReplica(MemoryService memory, MemorySync sync, SyncFilter filter) {
        this(memory, sync, filter, event -> {
        });
    }

    /**
     * Subscribes with {@link MemorySync#DEFAULT_QUEUE_DEPTH}.
     *
     * @param listener told about every change after the copy was updated (see {@link ReplicaListener})
     */
    public MemoryReplica(MemoryService memory, MemorySync sync, SyncFilter filter, ReplicaListener listener) {
        this(memory, sync, filter, listener, MemorySync.DEFAULT_QUEUE_DEPTH);
    }

    /** @param queueDepth the subscription's queue capacity (16 to 65536) */
    public MemoryReplica(MemoryService memory, MemorySync sync, SyncFilter filter, ReplicaListener listener,
            int queueDepth) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.listener = Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sync, "sync");
        // the listener only touches fields assigned above, so early events are safe
        this.subscription = sync.subscribe(filter, this::onEvent, queueDepth);
    }

    // ---- reads -------------------------------------------------------------------------------

    /** The local copy of a block, or empty if it is not (or no longer) in the copy. */
    public Optional<Block> get(BlockAddress address) {
        return Optional.ofNullable(blocks.get(Objects.requireNonNull(address, "address")));
    }

    /** Every block in the copy, ordered by scope then label. */
    public List<Block> blocks() {
        return blocks.values().stream()
                .sorted(Comparator.comparing((Block b) -> b.address().scope().key())
                        .thenComparing(b -> b.address().label()))
                .toList();
    }

    /** The filter this replica follows. */
    public SyncFilter filter() {
        return filter;
    }

    /** True once the initial snapshot (or the one after the last resync) is complete. */
    public boolean isReady() {
        readyLock.lock();
        try {
            return ready;
        } finally {
            readyLock.unlock();
        }
    }

    /**
     * Waits until the replica is ready.
     *
     * @return true if ready, false if the timeout passed or the replica was closed first
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        readyLock.lock();
        try {
            while (!ready && !closed) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = readyChanged.awaitNanos(nanos);
            }
            return ready && !closed;
        } finally {
            readyLock.unlock();
        }
    }

    /** How many times a block was read from the {@link MemoryService} to bring the copy up to date. */
    public long reads() {
        return reads.get();
    }

    /**
     * The last failure of such a read; the block concerned was dropped from the copy rather than kept
     * stale, and comes back with its next event or a resync.
     */
    public Optional<RuntimeException> lastReadFailure() {
        return Optional.ofNullable(lastReadFailure.get());
    }

    /** True once closed. */
    public boolean isClosed() {
        return closed;
    }

    // ---- writes (through the MemoryService) -------------------------------------------------

    /** {@link MemoryService#create}, then the new block is read into the copy if it matches. */
    public WriteResult create(BlockCreate block) {
        WriteResult r = memory().create(block);
        deletedHere.remove(r.address());
        refresh(r.address());
        return r;
    }

    /** {@link MemoryService#createOrReplace}, then the block is read into the copy if it matches. */
    public WriteResult createOrReplace(BlockCreate block) {
        WriteResult r = memory().createOrReplace(block);
        deletedHere.remove(r.address());
        refresh(r.address());
        return r;
    }

    /** {@link MemoryService#apply(BlockAddress, MemoryOp)}, then the copy follows. */
    public WriteResult apply(BlockAddress address, MemoryOp op) {
        WriteResult r = memory().apply(address, op);
        afterWrite(op, r);
        return r;
    }

    /** {@link MemoryService#apply(BlockAddress, MemoryOp, long)}, then the copy follows. */
    public WriteResult apply(BlockAddress address, MemoryOp op, long expectedRevision) {
        WriteResult r = memory().apply(address, op, expectedRevision);
        afterWrite(op, r);
        return r;
    }

    /** {@link MemoryService#undo}; the restored content is read into the copy. */
    public Optional<WriteResult> undo(BlockAddress address) {
        Optional<WriteResult> r = memory().undo(address);
        r.ifPresent(w -> refresh(w.address()));
        return r;
    }

    /** {@link MemoryService#redo}; the restored content is read into the copy. */
    public Optional<WriteResult> redo(BlockAddress address) {
        Optional<WriteResult> r = memory().redo(address);
        r.ifPresent(w -> refresh(w.address()));
        return r;
    }

    /** Pass-through of {@link MemoryService#historyDepth}. */
    public HistoryDepth historyDepth(BlockAddress address) {
        return memory().historyDepth(address);
    }

    /** Pass-through of {@link MemoryService#history}. */
    public List<HistoryEntry> history(BlockAddress address, int limit) {
        return memory().history(address, limit);
    }

    /** Unsubscribes; idempotent. Reads keep serving the last copy; writes fail. */
    @Override
    public void close() {
        closed = true;
        subscription.close();
        readyLock.lock();
        try {
            readyChanged.signalAll();
        } finally {
            readyLock.unlock();
        }
    }

    private MemoryService memory() {
        if (closed) {
            throw new IllegalStateException("memory replica for " + filter + " is closed");
        }
        return memory;
    }

    private void afterWrite(MemoryOp op, WriteResult r) {
        BlockAddress address = r.address();
        switch (op) {
            case MemoryOp.Delete d -> {
                deletedHere.add(address);
                blocks.remove(address);
                announced.remove(address);
            }
            case MemoryOp.PatchMetadata p -> refreshIfHeld(address);
            default -> {
                Block current = blocks.get(address);
                if (current == null) {
                    // outside the filter, or its announcement is still on the way and may predate this
                    // write (which is never echoed): read it so the copy does not stay behind
                    if (mayMatch(address)) {
                        refresh(address);
                    }
                    return;
                }
                Optional<Block> next = replay(current, op, r.revision(), r.contentHash());
                if (next.isPresent()) {
                    putIfNewer(next.get());
                } else if (current.revision() < r.revision()) {
                    refresh(address);
                }
            }
        }
    }

    private void refreshIfHeld(BlockAddress address) {
        if (blocks.containsKey(address)) {
            refresh(address);
        }
    }

    // ---- events from the host ----------------------------------------------------------------

    private void onEvent(SyncEvent event) {
        if (closed) {
            return;
        }
        switch (event) {
            case SyncEvent.BlockAvailable a -> {
                BlockAddress address = a.block().address();
                Optional<Block> before = Optional.ofNullable(blocks.get(address));
                if (deletedHere.remove(address)) {
                    // deleted here after this was queued, or created again since: the store decides
                    if (refresh(address).isEmpty()) {
                        break;
                    }
                } else {
                    before = putIfNewer(a.block());
                }
                Block now = blocks.getOrDefault(address, a.block());
                if (snapshotting) {
                    announced.add(now.address());
                    listener.onChange(new ReplicaEvent.Snapshot(now, before));
                } else {
                    listener.onChange(new ReplicaEvent.Added(a.origin(), now));
                }
            }
            case SyncEvent.Ready r -> onReady();
            case SyncEvent.Delta d -> onDelta(d);
            case SyncEvent.MetadataChanged m -> {
                // the event carries no revision (a metadata patch raises it), so read the block whole
                BlockAddress address = m.metadata().address();
                Optional<Block> before = Optional.ofNullable(blocks.get(address));
                refresh(address).ifPresent(after ->
                        listener.onChange(new ReplicaEvent.Changed(m.origin(), before, after, Optional.empty(), after.revision())));
            }
            case SyncEvent.BlockGone g -> {
                Optional<Block> last = Optional.ofNullable(blocks.remove(g.address()));
                announced.remove(g.address());
                listener.onChange(new ReplicaEvent.Removed(g.origin(), g.address(), g.reason(), last));
            }
            case SyncEvent.Resync r -> {
                snapshotting = true;
                announced.clear();
                setReady(false);
                listener.onChange(new ReplicaEvent.Resync(r.dropped()));
            }
        }
    }

    private void onReady() {
        List<Block> vanished = new ArrayList<>();
        if (snapshotting) {
            blocks.values().removeIf(b -> {
                boolean gone = !announced.contains(b.address());
                if (gone) {
                    vanished.add(b);
                }
                return gone;
            });
            snapshotting = false;
            announced.clear();
        }
        setReady(true);
        listener.onChange(new ReplicaEvent.Ready(blocks.size(), vanished));
    }

    private void onDelta(SyncEvent.Delta d) {
        BlockAddress address = d.address();
        Block current = blocks.get(address);
        Optional<Block> after;
        if (current != null && current.revision() >= d.revision()) {
            after = Optional.of(current); // a read already overtook this event
        } else {
            after = current == null ? Optional.empty() : replay(current, d.op(), d.revision(), d.contentHash());
            if (after.isPresent()) {
                putIfNewer(after.get());
                after = Optional.ofNullable(blocks.get(address));
            } else {
                after = refresh(address);
            }
        }
        after.ifPresent(a -> listener.onChange(
                new ReplicaEvent.Changed(d.origin(), Optional.ofNullable(current), a, Optional.of(d.op()), d.revision())));
    }

    /** True if a block at {@code address} could belong to the filter (its schema is not known here). */
    private boolean mayMatch(BlockAddress address) {
        return switch (filter) {
            case SyncFilter.ByPattern p -> p.scope().map(address.scope()::equals).orElse(true)
                    && address.label().startsWith(p.labelPrefix());
            case SyncFilter.Addresses a -> a.addresses().contains(address);
        };
    }

    /** The block after {@code op}, if the copy is at the revision before and the result hashes right. */
    private static Optional<Block> replay(Block current, MemoryOp op, long revision, String contentHash) {
        if (current.revision() != revision - 1) {
            return Optional.empty();
        }
        return LocalOps.apply(current.metadata().schema(), current.content(), op)
                .filter(content -> LocalOps.sha256(content).equals(contentHash))
                .map(content -> new Block(current.metadata(), content, revision, contentHash));
    }

    /** Reads the block from the host into the copy (or out of it); returns what the copy now holds. */
    private Optional<Block> refresh(BlockAddress address) {
        Optional<Block> fresh;
        try {
            reads.incrementAndGet();
            fresh = memory.read(address);
        } catch (RuntimeException e) {
            lastReadFailure.set(e);
            blocks.remove(address);
            return Optional.empty();
        }
        if (fresh.isEmpty() || !LocalOps.matches(filter, fresh.get().metadata())) {
            blocks.remove(address);
            return Optional.empty();
        }
        if (snapshotting) {
            announced.add(address); // written or read during a resync: keep it when Ready comes
        }
        putIfNewer(fresh.get());
        return Optional.ofNullable(blocks.get(address));
    }

    /** Stores {@code block} unless the copy already has a newer revision; returns the previous copy. */
    private Optional<Block> putIfNewer(Block block) {
        AtomicReference<Block> previous = new AtomicReference<>();
        blocks.compute(block.address(), (a, current) -> {
            previous.set(current);
            return current != null && current.revision() > block.revision() ? current : block;
        });
        return Optional.ofNullable(previous.get());
    }

    private void setReady(boolean value) {
        readyLock.lock();
        try {
            ready = value;
            readyChanged.signalAll();
        } finally {
            readyLock.unlock();
        }
    }
}
