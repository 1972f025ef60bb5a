package dev.trellis.agent.internal.testing;

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
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.WriteResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A memory service for agent tests: blocks in a map, written with {@link #put} (any author, fixed
 * time); {@code view} records the binding and shows only its two scopes. What agents do not use
 * throws.
 */
public final class FakeMemory implements MemoryService {

    public static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

    private final Map<String, Block> blocks;
    private final Optional<ScopeBinding> binding;
    public final List<ScopeBinding> views;

    public FakeMemory() {
        this(new ConcurrentSkipListMap<>(), Optional.empty(), new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    private FakeMemory(Map<String, Block> blocks, Optional<ScopeBinding> binding, List<ScopeBinding> views) {
        this.blocks = blocks;
        this.binding = binding;
        this.views = views;
    }

    public Block put(String address, Tier tier, String content, Author author) {
        BlockAddress a = BlockAddress.parse(address);
        Block old = blocks.get(a.toString());
        BlockMetadata m = new BlockMetadata(a, tier, Schema.TEXT, "", 5000, Permission.READ_WRITE, false, AT, AT, author);
        Block b = new Block(m, content, old == null ? 1 : old.revision() + 1, sha256(content));
        blocks.put(a.toString(), b);
        return b;
    }

    public void delete(String address) {
        blocks.remove(BlockAddress.parse(address).toString());
    }

    private boolean visible(Scope s) {
        return binding.map(b -> b.persona().equals(s) || b.project().map(s::equals).orElse(false)).orElse(true);
    }

    @Override
    public Optional<Block> read(BlockAddress address) {
        return Optional.ofNullable(blocks.get(address.toString())).filter(b -> visible(b.address().scope()));
    }

    @Override
    public Optional<BlockMetadata> metadata(BlockAddress address) {
        return read(address).map(Block::metadata);
    }

    @Override
    public List<BlockMetadata> list(ListFilter filter) {
        List<BlockMetadata> out = new ArrayList<>();
        for (Block b : blocks.values()) {
            if (visible(b.address().scope())) {
                out.add(b.metadata());
            }
        }
        return out;
    }

    @Override
    public WriteResult create(BlockCreate c) {
        if (blocks.containsKey(c.address().toString())) {
            throw new MemoryException(new MemoryError.AlreadyExists(c.address()));
        }
        Block b = put(c.address().toString(), c.tier(), c.content(), new Author.Plugin(dev.trellis.api.plugin.PluginId.of("dev.trellis.agent")));
        return new WriteResult(c.address(), b.revision(), b.contentHash());
    }

    @Override
    public MemoryService view(ScopeBinding b) {
        views.add(b);
        return new FakeMemory(blocks, Optional.of(b), views);
    }

    /** The runtime never writes for someone else. */
    @Override
    public MemoryService actingFor(Author author) {
        throw new UnsupportedOperationException("FakeMemory: actingFor");
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by agents");
    }

    @Override
    public WriteResult createOrReplace(BlockCreate block) {
        throw unused();
    }

    @Override
    public WriteResult apply(BlockAddress address, MemoryOp op) {
        throw unused();
    }

    @Override
    public WriteResult apply(BlockAddress address, MemoryOp op, long expectedRevision) {
        throw unused();
    }

    @Override
    public Optional<WriteResult> undo(BlockAddress address) {
        throw unused();
    }

    @Override
    public Optional<WriteResult> redo(BlockAddress address) {
        throw unused();
    }

    @Override
    public HistoryDepth historyDepth(BlockAddress address) {
        throw unused();
    }

    @Override
    public List<HistoryEntry> history(BlockAddress address, int limit) {
        throw unused();
    }

    @Override
    public ArchivalEntry insertArchival(Scope scope, String content, Optional<String> metadataJson) {
        throw unused();
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        throw unused();
    }

    @Override
    public SharedBlock share(BlockAddress address, String agentId, Permission permission) {
        throw unused();
    }

    @Override
    public boolean unshare(BlockAddress address, String agentId) {
        throw unused();
    }

    @Override
    public List<SharedBlock> sharedWith(String agentId) {
        throw unused();
    }
}
