package dev.trellis.memory.internal;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.memory.WriteResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link MemoryService} for one fixed {@link Caller}; views are further instances. */
class ScopedMemory implements MemoryService {

    private final MemoryEngine engine;
    private final Caller caller;

    ScopedMemory(MemoryEngine engine, Caller caller) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Optional<Block> read(BlockAddress address) {
        return engine.read(Objects.requireNonNull(address, "address"), caller);
    }

    @Override
    public Optional<BlockMetadata> metadata(BlockAddress address) {
        return engine.metadata(Objects.requireNonNull(address, "address"), caller);
    }

    @Override
    public List<BlockMetadata> list(ListFilter filter) {
        return engine.list(Objects.requireNonNull(filter, "filter"), caller);
    }

    @Override
    public WriteResult create(BlockCreate block) {
        return engine.create(Objects.requireNonNull(block, "block"), caller);
    }

    @Override
    public WriteResult createOrReplace(BlockCreate block) {
        return engine.createOrReplace(Objects.requireNonNull(block, "block"), caller);
    }

    @Override
    public WriteResult apply(BlockAddress address, MemoryOp op) {
        return engine.apply(Objects.requireNonNull(address, "address"), op, OptionalLong.empty(), caller);
    }

    @Override
    public WriteResult apply(BlockAddress address, MemoryOp op, long expectedRevision) {
        return engine.apply(Objects.requireNonNull(address, "address"), op, OptionalLong.of(expectedRevision), caller);
    }

    @Override
    public Optional<WriteResult> undo(BlockAddress address) {
        return engine.undo(Objects.requireNonNull(address, "address"), caller);
    }

    @Override
    public Optional<WriteResult> redo(BlockAddress address) {
        return engine.redo(Objects.requireNonNull(address, "address"), caller);
    }

    @Override
    public HistoryDepth historyDepth(BlockAddress address) {
        return engine.historyDepth(Objects.requireNonNull(address, "address"), caller);
    }

    @Override
    public List<HistoryEntry> history(BlockAddress address, int limit) {
        return engine.history(Objects.requireNonNull(address, "address"), limit, caller);
    }

    @Override
    public ArchivalEntry insertArchival(Scope scope, String content, Optional<String> metadataJson) {
        return engine.insertArchival(Objects.requireNonNull(scope, "scope"), content,
                Objects.requireNonNull(metadataJson, "metadataJson"), caller);
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        return engine.search(Objects.requireNonNull(query, "query"), caller);
    }

    @Override
    public SharedBlock share(BlockAddress address, String agentId, Permission permission) {
        return engine.share(Objects.requireNonNull(address, "address"), agentId, permission, caller);
    }

    @Override
    public boolean unshare(BlockAddress address, String agentId) {
        return engine.unshare(Objects.requireNonNull(address, "address"), agentId, caller);
    }

    @Override
    public List<SharedBlock> sharedWith(String agentId) {
        return engine.sharedWith(Objects.requireNonNull(agentId, "agentId"));
    }

    @Override
    public MemoryService view(ScopeBinding binding) {
        return new ScopedMemory(engine, caller.withView(View.of(Objects.requireNonNull(binding, "binding"))));
    }

    @Override
    public MemoryService actingFor(Author author) {
        Objects.requireNonNull(author, "author");
        engine.checkDelegate(caller);
        return new ScopedMemory(engine, caller.withAuthor(author));
    }
}
