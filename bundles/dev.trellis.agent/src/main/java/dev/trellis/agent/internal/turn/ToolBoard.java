package dev.trellis.agent.internal.turn;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tool whiteboard: every registered {@link Tool} service, by service id. A turn takes the tools
 * offered to its agent once, at its start, so tools that come or go take effect at the next turn.
 * When two services offer the same name, the higher {@code service.ranking} wins (then the older
 * service).
 */
public final class ToolBoard {

    /** One tool service. */
    public record Entry(long serviceId, int ranking, ToolDescriptor descriptor, Tool tool) {
        public Entry {
            Objects.requireNonNull(descriptor, "descriptor");
            Objects.requireNonNull(tool, "tool");
        }

        public String name() {
            return descriptor.name();
        }
    }

    private static final Comparator<Entry> PRECEDENCE = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Log log;

    public ToolBoard(Log log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A tool service arrived; one whose descriptor cannot be read is logged and left out. */
    public void add(long serviceId, int ranking, Tool tool) {
        ToolDescriptor d;
        try {
            d = Objects.requireNonNull(tool.descriptor(), "descriptor() returned null");
        } catch (RuntimeException e) {
            log.error("tool service " + serviceId + " (" + tool.getClass().getName() + ") has no usable descriptor;"
                    + " agents will not see it", e);
            return;
        }
        entries.put(serviceId, new Entry(serviceId, ranking, d, tool));
    }

    public void remove(long serviceId) {
        entries.remove(serviceId);
    }

    /** The tools the agent may call, one per name, sorted by name (a stable order keeps the prompt cache). */
    public List<Entry> offeredTo(AgentDefinition agent) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.values().stream().sorted(PRECEDENCE).forEach(e -> {
            if (agent.offers(e.name(), e.descriptor().capabilityClass())) {
                byName.putIfAbsent(e.name(), e);
            }
        });
        List<Entry> out = new ArrayList<>(byName.values());
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    /** Every tool service, sorted by name then precedence. */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>(entries.values());
        out.sort(Comparator.comparing(Entry::name).thenComparing(PRECEDENCE));
        return out;
    }
}
