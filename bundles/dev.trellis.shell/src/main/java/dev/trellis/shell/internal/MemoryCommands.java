package dev.trellis.shell.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchQuery;
import java.util.EnumSet;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo commands over memory: {@code trellis:blocks [scope]}, {@code trellis:block <scope> <label>},
 * {@code trellis:search <query> [limit]}. Read-only. Each returns its text (Gogo prints it); bad input and a
 * missing memory service are exceptions whose message says what to type instead.
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=trellis",
        "osgi.command.function=blocks",
        "osgi.command.function=block",
        "osgi.command.function=search"})
public final class MemoryCommands {

    static final int HISTORY_SHOWN = 5;

    // optional + dynamic: the commands stay registered and explain themselves while memory is away
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MemoryService memory;

    public MemoryCommands() {
    }

    MemoryCommands(MemoryService memory) {
        this.memory = memory;
    }

    @Descriptor("list all memory blocks: scope, label, schema, tier, permission, last update")
    public String blocks() {
        return ShellFormat.blocks(memory().list(ListFilter.ALL));
    }

    @Descriptor("list the memory blocks of one scope")
    public String blocks(@Descriptor("scope, local:<project> or global:<persona>") String scope) {
        return ShellFormat.blocks(memory().list(ListFilter.in(Scope.parse(scope))));
    }

    @Descriptor("show one block: metadata, content and the newest history entries")
    public String block(@Descriptor("scope, local:<project> or global:<persona>") String scope,
            @Descriptor("block label") String label) {
        MemoryService mem = memory();
        BlockAddress address = BlockAddress.of(Scope.parse(scope), label);
        Block block = mem.read(address).orElseThrow(() -> new IllegalArgumentException(
                "block " + address + " does not exist (trellis:blocks " + scope + " lists that scope)"));
        return ShellFormat.block(block, mem.historyDepth(address), mem.history(address, HISTORY_SHOWN));
    }

    @Descriptor("full-text search over blocks and archival (best first, 10 hits)")
    public String search(@Descriptor("query: words, \"phrases\", OR, prefix*") String query) {
        return search(query, SearchQuery.DEFAULT_LIMIT);
    }

    @Descriptor("full-text search over blocks and archival (best first)")
    public String search(@Descriptor("query: words, \"phrases\", OR, prefix*") String query,
            @Descriptor("most hits, 1 to 200") int limit) {
        if (limit < 1 || limit > SearchQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + SearchQuery.MAX_LIMIT + ", was " + limit);
        }
        if (query.isBlank()) {
            throw new IllegalArgumentException("search needs a query, e.g. trellis:search \"release notes\"");
        }
        var hits = memory().search(new SearchQuery(query, EnumSet.allOf(ContentType.class), List.of(), limit));
        return ShellFormat.hits(query, hits);
    }

    private MemoryService memory() {
        MemoryService m = memory;
        if (m == null) {
            throw new IllegalStateException("the memory service is not available: is dev.trellis.memory (and its store)"
                    + " active? (lb trellis)");
        }
        return m;
    }
}
