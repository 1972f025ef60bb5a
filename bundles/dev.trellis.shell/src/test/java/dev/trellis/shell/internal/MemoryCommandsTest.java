package dev.trellis.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchQuery;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The commands pass the right arguments to memory and explain bad input; formatting is ShellFormatTest's. */
class MemoryCommandsTest {

    final List<Object> calls = new ArrayList<>();
    final Block notes = new Block(ShellFormatTest.meta("local:trellis", "notes", Schema.TEXT, false, ""), "hello", 2, "h");

    /** A MemoryService answering the read calls the commands make, recording their arguments. */
    MemoryService memory() {
        return (MemoryService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MemoryService.class},
                (proxy, method, args) -> {
                    calls.add(args == null ? List.of(method.getName()) : List.of(method.getName(), List.of(args)));
                    return switch (method.getName()) {
                        case "list" -> List.of(notes.metadata());
                        case "read" -> notes.address().equals(args[0]) ? Optional.of(notes) : Optional.empty();
                        case "historyDepth" -> new HistoryDepth(1, 0);
                        case "history" -> List.of(new HistoryEntry(2, "set", new Author.Agent("ada"),
                                ShellFormatTest.T2, "hello"));
                        case "search" -> List.of();
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Test
    void blocksListsAllOrOneScope() {
        MemoryCommands c = new MemoryCommands(memory());
        assertThat(c.blocks()).contains("local:trellis  notes").endsWith("1 block (* = pinned)\n");
        c.blocks("local:trellis");
        assertThat(calls).containsExactly(List.of("list", List.of(ListFilter.ALL)),
                List.of("list", List.of(ListFilter.in(Scope.local("trellis")))));
    }

    @Test
    void blockShowsTheNewestHistoryEntries() {
        MemoryCommands c = new MemoryCommands(memory());
        String out = c.block("local:trellis", "notes");
        assertThat(out).startsWith("Block local:trellis/notes\n").contains("  hello\n").contains("2    set");
        assertThat(calls).contains(List.of("history", List.of(notes.address(), MemoryCommands.HISTORY_SHOWN)));
    }

    @Test
    void searchPassesQueryAndLimit() {
        MemoryCommands c = new MemoryCommands(memory());
        assertThat(c.search("release*", 3)).isEqualTo("No matches for 'release*'.\n");
        c.search("plans");
        SearchQuery first = (SearchQuery) ((List<?>) ((List<?>) calls.get(0)).get(1)).get(0);
        SearchQuery second = (SearchQuery) ((List<?>) ((List<?>) calls.get(1)).get(1)).get(0);
        assertThat(first.text()).isEqualTo("release*");
        assertThat(first.limit()).isEqualTo(3);
        assertThat(first.scopes()).isEmpty();
        assertThat(second.limit()).isEqualTo(SearchQuery.DEFAULT_LIMIT);
    }

    @Test
    void badInputGetsAClearMessage() {
        MemoryCommands c = new MemoryCommands(memory());
        assertThatThrownBy(() -> c.blocks("trellis")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scope 'trellis' must be 'local:<project>' or 'global:<persona>'");
        assertThatThrownBy(() -> c.block("local:trellis", "missing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("block local:trellis/missing does not exist (trellis:blocks local:trellis lists that scope)");
        assertThatThrownBy(() -> c.search("x", 0)).hasMessage("limit must be 1..200, was 0");
        assertThatThrownBy(() -> c.search("  ")).hasMessageContaining("search needs a query");
        // nothing reached memory but the read of the missing block
        assertThat(calls).containsExactly(List.of("read", List.of(BlockAddress.of(Scope.local("trellis"), "missing"))));
    }

    @Test
    void withoutMemoryTheCommandsSaySo() {
        MemoryCommands c = new MemoryCommands(null);
        assertThatThrownBy(c::blocks).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the memory service is not available");
    }
}
