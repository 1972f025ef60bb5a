package dev.trellis.skills.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.TrustTier;
import dev.trellis.api.store.StoreService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one skills engine of the bundle (registered under its own private class, for this bundle's
 * components only): the sources, the reconciler that writes their skill blocks through this bundle's
 * {@link MemoryService}, and the catalog that reads them.
 *
 * <p>All writes to skill blocks run on one worker thread, in the order sources report, so a plugin's
 * install and uninstall, or two scans of a directory, never interleave. A memory-sync subscription on
 * skill blocks notices writes by anyone else (this bundle's own are not echoed) to a source's namespace
 * and puts the source's text back.
 */
@Component(service = SkillsCore.class, configurationPid = "dev.trellis.skills")
@Designate(ocd = SkillsConfig.class)
public final class SkillsCore {

    /** Where the skills bundle keeps its own skills. */
    static final String FIRST_PARTY_FOLDER = "skills";

    private final MemoryService memory;
    private final PluginId self;
    private final SkillLog log;
    private final SourceRegistry sources = new SourceRegistry();
    private final Reconciler reconciler;
    private final SkillCatalog catalog;
    private final ScheduledExecutorService worker;
    private final Set<String> pendingResync = ConcurrentHashMap.newKeySet();
    /** Project id → the directory watched for it: one directory per project. */
    private final Map<String, String> projectDirectories = new ConcurrentHashMap<>();
    private final Subscription foreignEdits;
    private volatile boolean syncReady;

    @Activate
    public SkillsCore(@Reference(name = "memory") MemoryService memory, @Reference(name = "store") StoreService store,
            @Reference(name = "sync") MemorySync sync, @Reference(service = LoggerFactory.class) Logger logger,
            BundleContext context, SkillsConfig config) {
        this(memory, store, sync, PluginId.of(context.getBundle().getSymbolicName()), Clock.systemUTC(),
                Duration.ofSeconds(config.plugin_orphan_grace_seconds()), SkillLog.of(logger));
        List<SourceScan.File> own = BundleFolder.read(context.getBundle(), FIRST_PARTY_FOLDER);
        submit(FirstParty.source(context.getBundle().getSymbolicName(), own));
    }

    /**
     * @param self       the identity this bundle's memory writes carry (its symbolic name)
     * @param orphanGrace how long after start skills of plugins that are not active are kept
     */
    SkillsCore(MemoryService memory, StoreService store, MemorySync sync, PluginId self, Clock clock,
            Duration orphanGrace, SkillLog log) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.self = Objects.requireNonNull(self, "self");
        this.log = Objects.requireNonNull(log, "log");
        if (orphanGrace.isNegative()) {
            throw new IllegalArgumentException("dev.trellis.skills: plugin.orphan.grace.seconds must be >= 0, was "
                    + orphanGrace.toSeconds());
        }
        this.reconciler = new Reconciler(memory, self);
        this.catalog = new SkillCatalog(store, sources, reconciler, clock, log);
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("trellis-skills").factory());
        // stopping must not wait for the orphan sweep scheduled a minute ahead
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = pool;
        this.foreignEdits = sync.subscribe(new SyncFilter.ByPattern(Optional.empty(), "", Optional.of(Schema.SKILL)),
                this::onSyncEvent);
        worker.schedule(this::sweepOrphanedPlugins, orphanGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        foreignEdits.close();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("skills: reconciling did not finish within 10 s of stopping; abandoned");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    SkillCatalog catalog() {
        return catalog;
    }

    SourceRegistry sources() {
        return sources;
    }

    MemoryService memory() {
        return memory;
    }

    PluginId self() {
        return self;
    }

    SkillLog log() {
        return log;
    }

    // ---- sources report here; the work runs on the worker thread

    /** A source's new scan: store what it wants and bring its blocks in step. */
    void submit(SourceRegistry.Source source) {
        run(() -> {
            Optional<SourceRegistry.Source> before = sources.get(source.id());
            sources.put(source);
            reconcile(source, before.map(SourceRegistry.Source::problems).orElse(List.of()));
        });
    }

    /** A source is gone for good (plugin uninstalled, project unconfigured): delete its blocks. */
    void withdraw(String id) {
        run(() -> sources.remove(id).ifPresent(s -> {
            Reconciler.Result r = reconciler.sync(s.space(), Map.of(), Set.of());
            log.info(() -> "skills: " + s.id() + " removed, " + r.deleted() + " skill block(s) deleted");
            r.failures().forEach(f -> log.warn("skills: " + f));
        }));
    }

    /**
     * Claims a project for one watched directory.
     *
     * @throws IllegalStateException if another directory already holds the project (two configurations
     *                               would otherwise overwrite each other's skills)
     */
    void claimProject(String project, String directory) {
        String holder = projectDirectories.putIfAbsent(project, directory);
        if (holder != null && !holder.equals(directory)) {
            throw new IllegalStateException("dev.trellis.skills.project: project '" + project + "' is already watched in "
                    + holder + "; one directory per project (give " + directory + " its own project id)");
        }
    }

    void releaseProject(String project, String directory) {
        projectDirectories.remove(project, directory);
    }

    /** Waits until every piece of work submitted so far is done (tests, admin "rescan" views). */
    void awaitIdle(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            worker.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void run(Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (MemoryException | IllegalArgumentException | IllegalStateException e) {
                    // the store or memory may be going away; the next scan or restart puts things right
                    log.warn("skills: reconciling failed: " + e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the work is not needed any more
        }
    }

    private void reconcile(SourceRegistry.Source s, List<SkillParseError> previousProblems) {
        Reconciler.Result r = reconciler.sync(s.space(), s.wanted(), s.keep());
        boolean newProblems = false;
        for (SkillParseError p : s.problems()) {
            if (!previousProblems.contains(p)) {
                log.warn("skills: " + s.id() + ": " + p);
                newProblems = true;
            }
        }
        if (newProblems && !s.keep().isEmpty()) {
            log.warn("skills: " + s.id() + ": until their files parse again, these skills keep their last good version"
                    + " (if they had one): " + String.join(", ", new TreeSet<>(s.keep())));
        }
        List<SkillParseError> failures = new ArrayList<>();
        for (String f : r.failures()) {
            log.warn("skills: " + s.id() + ": " + f);
            failures.add(new SkillParseError(s.location(), 0, 0, f));
        }
        if (!failures.isEmpty()) {
            // show store failures next to parse errors, without re-logging them as new next time
            List<SkillParseError> all = new ArrayList<>(s.problems());
            all.addAll(failures);
            sources.put(new SourceRegistry.Source(s.id(), s.tier(), s.location(), s.space(), s.wanted(), s.keep(), all,
                    s.paths()));
        }
        if (r.changedAnything()) {
            log.info(() -> "skills: " + s.id() + ": " + r.created() + " created, " + r.updated() + " updated, "
                    + r.deleted() + " deleted, " + r.unchanged() + " unchanged");
        }
    }

    // ---- keeping blocks in step when someone else writes them

    private void onSyncEvent(SyncEvent event) {
        switch (event) {
            case SyncEvent.Ready r -> syncReady = true;
            case SyncEvent.Resync r -> {
                syncReady = false;
                sources.all().forEach(s -> resyncLater(s.id()));
            }
            case SyncEvent.BlockAvailable e -> foreignWrite(e.block().address());
            case SyncEvent.Delta e -> foreignWrite(e.address());
            case SyncEvent.MetadataChanged e -> foreignWrite(e.metadata().address());
            case SyncEvent.BlockGone e -> foreignWrite(e.address());
        }
    }

    private void foreignWrite(BlockAddress address) {
        if (syncReady) {
            sources.owner(address).ifPresent(s -> resyncLater(s.id()));
        }
    }

    private void resyncLater(String id) {
        if (pendingResync.add(id)) {
            run(() -> {
                pendingResync.remove(id);
                sources.get(id).ifPresent(s -> {
                    log.info(() -> "skills: a skill block of " + id + " was changed outside its source;"
                            + " writing the source's text back");
                    reconcile(s, s.problems());
                });
            });
        }
    }

    // ---- plugins that did not come back

    /**
     * Deletes the skill blocks of plugins that have no active bundle once the grace period after start
     * is over (a plugin removed while the host was down).
     */
    void sweepOrphanedPlugins() {
        Set<PluginId> stored = new TreeSet<>();
        for (BlockMetadata m : memory.list(ListFilter.in(SkillNames.SHARED).withLabelPrefix(SkillNames.PLUGIN))) {
            SkillNames.pluginOf(m.address()).ifPresent(stored::add);
        }
        Set<String> active = new HashSet<>();
        sources.all().forEach(s -> active.add(s.id()));
        for (PluginId p : stored) {
            if (!active.contains(PluginSource.id(p))) {
                Reconciler.Result r = reconciler.sync(SkillNames.plugin(p), Map.of(), Set.of());
                log.info(() -> "skills: plugin " + p + " is not active; its " + r.deleted()
                        + " skill block(s) were removed");
            }
        }
    }

    /** The first-party source: the entries under {@value #FIRST_PARTY_FOLDER} of the skills bundle. */
    static final class FirstParty {
        private FirstParty() {
        }

        static SourceRegistry.Source source(String bsn, List<SourceScan.File> files) {
            SourceScan.Result scan = SourceScan.scan(files);
            return new SourceRegistry.Source(SourceRegistry.FIRST_PARTY_ID, TrustTier.FIRST_PARTY,
                    bsn + ":/" + FIRST_PARTY_FOLDER + "/", SkillNames.FIRST_PARTY_SPACE, scan.wanted(), scan.keep(),
                    scan.problems(), scan.paths());
        }
    }

    /** A plugin source: the folder named by a bundle's {@code Trellis-Skills} header. */
    static final class PluginSource {
        private PluginSource() {
        }

        static String id(PluginId plugin) {
            return "plugin:" + plugin.value();
        }

        static SourceRegistry.Source source(PluginId plugin, String location, List<SourceScan.File> files,
                List<SkillParseError> extraProblems) {
            SourceScan.Result scan = SourceScan.scan(files);
            List<SkillParseError> problems = new ArrayList<>(extraProblems);
            problems.addAll(scan.problems());
            return new SourceRegistry.Source(id(plugin), TrustTier.PLUGIN_INSTALLED, location, SkillNames.plugin(plugin),
                    scan.wanted(), scan.keep(), problems, scan.paths());
        }
    }
}
