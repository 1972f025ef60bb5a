package dev.trellis.example.journal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.memory.replica.MemoryReplica;
import dev.trellis.memory.replica.ReplicaEvent;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The journal plugin. It needs the memory services but survives without them: both references are
 * optional, dynamic and greedy, so when the memory bundle is updated or restarted the component stays
 * active, drops its subscription, and subscribes again as soon as the new services are bound. The
 * fresh snapshot then lets {@link ChangeTracker} journal what changed in between.
 */
@Component(configurationPid = Journal.PID, service = {})
@Designate(ocd = JournalConfig.class)
public final class Journal {

    static final String PID = "dev.trellis.example.journal";

    private final Logger log;
    private final BlockAddress journal;
    private final int charLimit;
    private final SyncFilter watch;
    private final ChangeTracker tracker;

    private final Object lock = new Object();
    private MemoryService memory; // guarded by lock
    private MemorySync sync; // guarded by lock
    private MemoryReplica replica; // guarded by lock

    @Activate
    public Journal(JournalConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.journal = BlockAddress.of(parseScope("journal.scope", config.journal_scope()), config.journal_label());
        if (config.journal_char_limit() < 1) {
            throw new IllegalArgumentException(PID + ": journal.char.limit must be >= 1, was " + config.journal_char_limit());
        }
        this.charLimit = config.journal_char_limit();
        String watchScope = config.watch_scope().strip();
        this.watch = new SyncFilter.ByPattern(
                watchScope.isEmpty() ? Optional.empty() : Optional.of(parseScope("watch.scope", watchScope)),
                config.watch_label_prefix(), Optional.empty());
        this.tracker = new ChangeTracker(journal);
    }

    private static Scope parseScope(String property, String value) {
        try {
            return Scope.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + property + ": " + e.getMessage(), e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMemory(MemoryService service) {
        synchronized (lock) {
            memory = service;
            resubscribe();
        }
    }

    void unbindMemory(MemoryService service) {
        synchronized (lock) {
            if (memory == service) {
                memory = null;
                unsubscribe();
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSync(MemorySync service) {
        synchronized (lock) {
            sync = service;
            resubscribe();
        }
    }

    void unbindSync(MemorySync service) {
        synchronized (lock) {
            if (sync == service) {
                sync = null;
                unsubscribe();
            }
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            unsubscribe();
        }
    }

    /** The block this journal appends to. */
    BlockAddress journal() {
        return journal;
    }

    private void resubscribe() {
        unsubscribe();
        if (memory == null || sync == null) {
            return;
        }
        MemoryService m = memory;
        ensureJournalBlock(m);
        replica = new MemoryReplica(m, sync, watch, event -> record(m, event));
        log.info("journal {} subscribed to {}", journal, watch);
    }

    private void unsubscribe() {
        if (replica != null) {
            replica.close();
            replica = null;
            log.info("journal {} unsubscribed (memory services gone or replaced)", journal);
        }
    }

    /** Called on the subscription's delivery thread. */
    private void record(MemoryService m, ReplicaEvent event) {
        for (JournalEntry entry : tracker.on(event, lookup(m))) {
            append(m, entry);
        }
    }

    private void append(MemoryService m, JournalEntry entry) {
        MemoryOp op = new MemoryOp.LogAppend(entry.toJson());
        try {
            try {
                m.apply(journal, op);
            } catch (MemoryException e) {
                if (!(e.error() instanceof MemoryError.NotFound)) {
                    throw e;
                }
                // someone deleted the journal block: start a new one
                ensureJournalBlock(m);
                m.apply(journal, op);
            }
        } catch (RuntimeException e) {
            log.error("journal {}: could not append {}: {}", journal, entry.toJson(), e.getMessage(), e);
        }
    }

    private void ensureJournalBlock(MemoryService m) {
        try {
            if (m.read(journal).isEmpty()) {
                m.create(new BlockCreate(journal, Tier.WORKING, Schema.LOG,
                        "Append-only journal of memory changes (" + PID + ")", charLimit, Permission.APPEND,
                        false, "[]"));
            }
        } catch (MemoryException e) {
            if (!(e.error() instanceof MemoryError.AlreadyExists)) {
                log.error("journal {}: could not create the journal block: {}", journal, e.getMessage(), e);
            }
        }
    }

    private static ChangeTracker.Lookup lookup(MemoryService m) {
        return new ChangeTracker.Lookup() {
            @Override
            public String authorOf(BlockAddress address, long revision, String fallback) {
                try {
                    return m.history(address, 16).stream().filter(h -> h.revision() == revision).findFirst()
                            .map(HistoryEntry::author).map(a -> a.render()).orElse(fallback);
                } catch (RuntimeException e) {
                    return fallback; // deleted meanwhile, or the service is going away
                }
            }

            @Override
            public boolean exists(BlockAddress address) {
                return m.metadata(address).isPresent();
            }
        };
    }
}
