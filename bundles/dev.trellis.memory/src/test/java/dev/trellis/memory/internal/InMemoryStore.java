package dev.trellis.memory.internal;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.store.ArchivalStore;
import dev.trellis.api.store.BlockStore;
import dev.trellis.api.store.HistoryStore;
import dev.trellis.api.store.SearchIndex;
import dev.trellis.api.store.SharedBlockStore;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.store.Work;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * TEST DOUBLE of the store SPI: keeps everything in maps, runs one transaction at a time on a copy and
 * swaps it in on success (so a throwing unit of work rolls back). Search is a case-insensitive
 * substring match with score 1; a query with an odd number of '"' is a syntax error. Shares are kept
 * per block key and dropped with the block, as the SQLite store hides those of deleted blocks.
 */
final class InMemoryStore implements StoreService {

    private record State(TreeMap<String, Block> blocks, Map<BlockAddress, List<HistoryEntry>> history,
            TreeMap<Long, ArchivalEntry> archival, long nextArchivalId, Map<String, TreeMap<String, SharedBlock>> shares) {

        State copy() {
            Map<BlockAddress, List<HistoryEntry>> h = new HashMap<>();
            history.forEach((k, v) -> h.put(k, new ArrayList<>(v)));
            Map<String, TreeMap<String, SharedBlock>> sh = new HashMap<>();
            shares.forEach((k, v) -> sh.put(k, new TreeMap<>(v)));
            return new State(new TreeMap<>(blocks), h, new TreeMap<>(archival), nextArchivalId, sh);
        }
    }

    private State state = new State(new TreeMap<>(), new HashMap<>(), new TreeMap<>(), 1, new HashMap<>());
    /** When set, every call fails with this reason (to test error mapping). */
    volatile StoreException.Reason failWith;
    int transactions;

    @Override
    public synchronized <T> T inTransaction(Work<T> work) {
        checkUp();
        Tx tx = new Tx(state.copy(), false);
        T result = work.run(tx);
        tx.closed = true;
        state = tx.s;
        transactions++;
        return result;
    }

    @Override
    public synchronized <T> T read(Work<T> work) {
        checkUp();
        Tx tx = new Tx(state, true);
        try {
            return work.run(tx);
        } finally {
            tx.closed = true;
        }
    }

    synchronized List<HistoryEntry> rawHistory(BlockAddress address) {
        return List.copyOf(state.history().getOrDefault(address, List.of()));
    }

    private void checkUp() {
        StoreException.Reason r = failWith;
        if (r != null) {
            throw new StoreException(r, "test store set to fail");
        }
    }

    private static String key(BlockAddress a) {
        return a.scope().key() + "\u0000" + a.label();
    }

    private static final class Tx implements StoreTransaction, BlockStore, HistoryStore, ArchivalStore, SearchIndex,
            SharedBlockStore {
        State s;
        final boolean readOnly;
        boolean closed;

        Tx(State s, boolean readOnly) {
            this.s = s;
            this.readOnly = readOnly;
        }

        void use(boolean write) {
            if (closed) {
                throw new IllegalStateException("transaction is over");
            }
            if (write && readOnly) {
                throw new IllegalStateException("read-only transaction");
            }
        }

        public BlockStore blocks() { return this; }

        public HistoryStore history() { return this; }

        public ArchivalStore archival() { return this; }

        public SearchIndex search() { return this; }

        public SharedBlockStore sharedBlocks() { return this; }

        /** The memory engine only asks which scopes hold messages: none here. */
        public dev.trellis.api.store.MessageStore messages() {
            return (dev.trellis.api.store.MessageStore) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {dev.trellis.api.store.MessageStore.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("scopesWithMessages")) {
                            return List.of();
                        }
                        throw new UnsupportedOperationException("InMemoryStore keeps no messages: " + method.getName());
                    });
        }

        public dev.trellis.api.store.MessageQueueStore messageQueue() {
            throw new UnsupportedOperationException("InMemoryStore keeps no message queue");
        }

        public dev.trellis.api.store.TaskIndexStore tasks() {
            throw new UnsupportedOperationException("test double: no task index (schema owners under test use their own)");
        }

        public Optional<Block> find(BlockAddress address) {
            use(false);
            return Optional.ofNullable(s.blocks().get(key(address)));
        }

        public List<BlockMetadata> list(ListFilter f) {
            use(false);
            return s.blocks().values().stream().map(Block::metadata)
                    .filter(m -> f.scope().map(m.address().scope()::equals).orElse(true))
                    .filter(m -> f.labelPrefix().map(m.address().label()::startsWith).orElse(true))
                    .filter(m -> f.tier().map(m.tier()::equals).orElse(true))
                    .filter(m -> f.schema().map(m.schema()::equals).orElse(true)).toList();
        }

        public void insert(Block block) {
            use(true);
            if (s.blocks().putIfAbsent(key(block.address()), block) != null) {
                throw new StoreException(StoreException.Reason.CONSTRAINT, "block " + block.address() + " exists");
            }
        }

        public boolean update(Block block, long expectedRevision) {
            use(true);
            Block cur = s.blocks().get(key(block.address()));
            if (cur == null || cur.revision() != expectedRevision) {
                return false;
            }
            s.blocks().put(key(block.address()), block);
            return true;
        }

        public boolean delete(BlockAddress address) {
            use(true);
            s.shares().remove(key(address));
            return s.blocks().remove(key(address)) != null;
        }

        public void append(BlockAddress address, HistoryEntry entry) {
            use(true);
            List<HistoryEntry> list = s.history().computeIfAbsent(address, a -> new ArrayList<>());
            if (list.stream().anyMatch(e -> e.revision() == entry.revision())) {
                throw new StoreException(StoreException.Reason.CONSTRAINT, "revision " + entry.revision() + " stored");
            }
            list.add(entry);
        }

        public List<HistoryEntry> newest(BlockAddress address, int limit) {
            use(false);
            return s.history().getOrDefault(address, List.of()).stream()
                    .sorted(Comparator.comparingLong(HistoryEntry::revision).reversed()).limit(limit).toList();
        }

        public int trim(BlockAddress address, int keep) {
            use(true);
            List<HistoryEntry> list = s.history().getOrDefault(address, new ArrayList<>());
            list.sort(Comparator.comparingLong(HistoryEntry::revision));
            int drop = Math.max(0, list.size() - keep);
            list.subList(0, drop).clear();
            return drop;
        }

        public int clear(BlockAddress address) {
            use(true);
            List<HistoryEntry> removed = s.history().remove(address);
            return removed == null ? 0 : removed.size();
        }

        public ArchivalEntry insert(Scope scope, String content, Optional<String> metadataJson) {
            use(true);
            long id = s.nextArchivalId();
            ArchivalEntry e = new ArchivalEntry(id, scope, content, metadataJson, Instant.EPOCH);
            s.archival().put(id, e);
            s = new State(s.blocks(), s.history(), s.archival(), id + 1, s.shares());
            return e;
        }

        public List<Scope> scopesWithBlocks() {
            use(false);
            return s.blocks().values().stream().map(b -> b.address().scope()).distinct()
                    .sorted(java.util.Comparator.comparing(Scope::key)).toList();
        }

        public List<Scope> scopesWithEntries() {
            use(false);
            return s.archival().values().stream().map(ArchivalEntry::scope).distinct()
                    .sorted(java.util.Comparator.comparing(Scope::key)).toList();
        }

        public Optional<ArchivalEntry> find(long id) {
            use(false);
            return Optional.ofNullable(s.archival().get(id));
        }

        public boolean delete(long id) {
            use(true);
            return s.archival().remove(id) != null;
        }

        public List<SearchHit> search(SearchQuery q) {
            use(false);
            if (q.text().chars().filter(c -> c == '"').count() % 2 == 1) {
                throw new StoreException(StoreException.Reason.BAD_QUERY, "unterminated string");
            }
            String needle = q.text().toLowerCase();
            List<SearchHit> hits = new ArrayList<>();
            if (q.types().contains(ContentType.BLOCK)) {
                s.blocks().values().stream()
                        .filter(b -> q.scopes().contains(b.address().scope()))
                        .filter(b -> b.content().toLowerCase().contains(needle))
                        .forEach(b -> hits.add(new SearchHit(ContentType.BLOCK, b.address().scope(), b.address().label(), 1.0,
                                b.content())));
            }
            if (q.types().contains(ContentType.ARCHIVAL)) {
                s.archival().values().stream().filter(a -> q.scopes().contains(a.scope()))
                        .filter(a -> a.content().toLowerCase().contains(needle))
                        .forEach(a -> hits.add(new SearchHit(ContentType.ARCHIVAL, a.scope(), Long.toString(a.id()), 1.0,
                                a.content())));
            }
            return hits.stream().limit(q.limit()).toList();
        }
    
        public boolean attach(SharedBlock share) {
            use(true);
            if (!s.blocks().containsKey(key(share.address()))) {
                return false;
            }
            s.shares().computeIfAbsent(key(share.address()), k -> new TreeMap<>()).put(share.agentId(), share);
            return true;
        }

        public boolean detach(BlockAddress address, String agentId) {
            use(true);
            TreeMap<String, SharedBlock> byAgent = s.shares().get(key(address));
            return byAgent != null && byAgent.remove(agentId) != null;
        }

        public Optional<SharedBlock> find(BlockAddress address, String agentId) {
            use(false);
            return Optional.ofNullable(s.shares().getOrDefault(key(address), new TreeMap<>()).get(agentId));
        }

        public List<SharedBlock> sharesOf(BlockAddress address) {
            use(false);
            return List.copyOf(s.shares().getOrDefault(key(address), new TreeMap<>()).values());
        }

        public List<SharedBlock> sharedWith(String agentId) {
            use(false);
            return s.shares().values().stream().map(m -> m.get(agentId)).filter(java.util.Objects::nonNull)
                    .sorted(Comparator.comparing((SharedBlock x) -> x.address().scope().key())
                            .thenComparing(x -> x.address().label()))
                    .toList();
        }

        public boolean hasSharedBlocksWith(String agentA, String agentB) {
            use(false);
            return s.shares().values().stream().flatMap(m -> m.values().stream())
                    .anyMatch(x -> owns(agentA, x) && x.agentId().equals(agentB) || owns(agentB, x) && x.agentId().equals(agentA));
        }

        private static boolean owns(String agent, SharedBlock x) {
            return x.address().scope() instanceof Scope.Global g && g.id().equals(agent);
        }
    }
}
