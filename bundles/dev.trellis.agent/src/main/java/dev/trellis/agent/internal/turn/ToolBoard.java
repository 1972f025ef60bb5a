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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The tool whiteboard: every registered {@link Tool} service, by service id. A turn takes the tools
 * offered to its agent once, at its start, so tools that come or go take effect at the next turn.
 * When two services offer the same name, the higher {@code service.ranking} wins (then the older
 * service).
 *
 * <p>A service object is fetched only when a turn first needs the tool, not when the service appears:
 * a tool that itself uses the agent runtime (a messaging tool, a plugin's tool) would otherwise be
 * activated in the middle of the runtime's own activation, a circular service lookup.
 */
public final class ToolBoard {

    /** One tool service, its object and descriptor fetched on first use. */
    public static final class Entry {
        private final long serviceId;
        private final int ranking;
        private final Supplier<Tool> source;
        private volatile Tool tool;
        private volatile ToolDescriptor descriptor;

        Entry(long serviceId, int ranking, Supplier<Tool> source) {
            this.serviceId = serviceId;
            this.ranking = ranking;
            this.source = source;
        }

        public long serviceId() {
            return serviceId;
        }

        public int ranking() {
            return ranking;
        }

        /** The tool, fetched once. */
        public synchronized Tool tool() {
            if (tool == null) {
                tool = Objects.requireNonNull(source.get(), "the service object is gone");
            }
            return tool;
        }

        /** The descriptor, read once. */
        public ToolDescriptor descriptor() {
            ToolDescriptor d = descriptor;
            if (d == null) {
                d = Objects.requireNonNull(tool().descriptor(), "descriptor() returned null");
                descriptor = d;
            }
            return d;
        }

        public String name() {
            return descriptor().name();
        }

        boolean fetched() {
            return tool != null;
        }
    }

    private static final Comparator<Entry> PRECEDENCE = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> reported = new ConcurrentHashMap<>();
    private final Log log;

    public ToolBoard(Log log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A tool service arrived; {@code source} gives its object when it is first needed. */
    public void add(long serviceId, int ranking, Supplier<Tool> source) {
        entries.put(serviceId, new Entry(serviceId, ranking, source));
    }

    /** A tool object that is already there (tests, built-in tools). */
    public void add(long serviceId, int ranking, Tool tool) {
        add(serviceId, ranking, () -> tool);
    }

    /** @return the entry that was removed, if its object was fetched (to release it) */
    public Optional<Entry> remove(long serviceId) {
        reported.remove(serviceId);
        Entry e = entries.remove(serviceId);
        return e != null && e.fetched() ? Optional.of(e) : Optional.empty();
    }

    /** The tools the agent may call, one per name, sorted by name (a stable order keeps the prompt cache). */
    public List<Entry> offeredTo(AgentDefinition agent) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        usable().stream().sorted(PRECEDENCE).forEach(e -> {
            if (agent.offers(e.name(), e.descriptor().capabilityClass())) {
                byName.putIfAbsent(e.name(), e);
            }
        });
        List<Entry> out = new ArrayList<>(byName.values());
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    /** Every usable tool service, sorted by name then precedence. */
    public List<Entry> all() {
        List<Entry> out = usable();
        out.sort(Comparator.comparing(Entry::name).thenComparing(PRECEDENCE));
        return out;
    }

    /** Entries whose descriptor can be read; the others are logged once and left out. */
    private List<Entry> usable() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            try {
                e.descriptor();
                out.add(e);
            } catch (RuntimeException ex) {
                if (reported.putIfAbsent(e.serviceId(), Boolean.TRUE) == null) {
                    log.error("tool service " + e.serviceId() + " has no usable descriptor; agents will not see it", ex);
                }
            }
        }
        return out;
    }
}
