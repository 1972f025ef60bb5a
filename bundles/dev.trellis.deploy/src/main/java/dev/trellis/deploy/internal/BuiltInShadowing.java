package dev.trellis.deploy.internal;

import dev.trellis.deploy.internal.NewestVersionWins.Action;
import dev.trellis.deploy.internal.NewestVersionWins.Seen;
import dev.trellis.deploy.internal.NewestVersionWins.Start;
import dev.trellis.deploy.internal.NewestVersionWins.Stop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Applies {@link NewestVersionWins} as bundles come and go: a newer version of a Trellis bundle (for
 * instance a provider dropped into {@code deploy/} while the host jar's copy runs) takes over, the older
 * one is stopped and comes back when the newer one is removed or stopped. Bundle stops can take a while
 * (a provider drains its streams), so the work runs on one worker thread, never on the framework's event
 * thread; a replacement that merely restarts (File Install's update + refresh) is given a moment before
 * the older bundle is started again.
 */
@Component(immediate = true, configurationPid = "dev.trellis.deploy.versions")
@Designate(ocd = BuiltInShadowing.Config.class)
public final class BuiltInShadowing implements BundleListener {

    @ObjectClassDefinition(name = "Trellis: newest bundle version wins",
            description = "Of several bundles with one symbolic name, only the highest version runs; the others are "
                    + "stopped while it runs and started again when it goes.")
    @interface Config {
        @AttributeDefinition(name = "Symbolic-name prefixes",
                description = "Bundles the rule applies to; an empty list turns it off.")
        String[] bsn_prefixes() default {"dev.trellis."};

        @AttributeDefinition(name = "Grace before a restart (ms)",
                description = "How long a stopped replacement may take to come back (an update) before the older "
                        + "version is started again.")
        long restart_grace_ms() default 2000;
    }

    private final BundleContext context;
    private final Logger log;
    private final List<String> prefixes;
    private final long graceMs;
    private final Set<Long> stoppedByUs = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("trellis-deploy-versions").factory());

    @Activate
    public BuiltInShadowing(BundleContext context, @Reference(service = LoggerFactory.class) Logger log, Config config) {
        this.context = context;
        this.log = log;
        this.prefixes = List.of(config.bsn_prefixes());
        this.graceMs = config.restart_grace_ms();
        context.addBundleListener(this);
        worker.execute(() -> reconcile(true)); // bundles installed before we started
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
        worker.shutdownNow();
        // Bundles stopped for a newer version stay stopped: on framework shutdown nothing should start.
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            // stops at once; starts only after the grace, so an update of the newer one (stop, update,
            // start) does not bring the older one back in between
            case BundleEvent.STARTED -> submit(0, false);
            case BundleEvent.STOPPED, BundleEvent.UNINSTALLED -> submit(graceMs, true);
            default -> { }
        }
    }

    private void submit(long delayMs, boolean allowStarts) {
        try {
            worker.schedule(() -> reconcile(allowStarts), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // deactivated meanwhile
        }
    }

    private void reconcile(boolean allowStarts) {
        try {
            apply(allowStarts);
        } catch (RuntimeException e) {
            log.error("deploy: checking bundle versions failed; nothing was stopped or started: {}", e.toString(), e);
        }
    }

    private void apply(boolean allowStarts) {
        List<Seen> seen = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            seen.add(new Seen(b.getBundleId(), b.getSymbolicName(), b.getVersion(),
                    b.getState() == Bundle.ACTIVE || b.getState() == Bundle.STARTING,
                    b.getHeaders("").get(Constants.FRAGMENT_HOST) != null));
        }
        stoppedByUs.retainAll(Arrays.stream(context.getBundles()).map(Bundle::getBundleId).toList());
        for (Action a : NewestVersionWins.decide(seen, prefixes, Set.copyOf(stoppedByUs))) {
            Bundle b = context.getBundle(a.id());
            if (b == null || (a instanceof Start && !allowStarts)) {
                continue;
            }
            try {
                switch (a) {
                    case Stop s -> {
                        log.info("deploy: {} {} (bundle {}) takes over from {} (bundle {}), which is stopped until the "
                                + "newer one is stopped or removed", s.by().bsn(), s.by().version(), s.by().id(),
                                s.stopped().version(), s.stopped().id());
                        stoppedByUs.add(a.id());
                        b.stop(Bundle.STOP_TRANSIENT);
                    }
                    case Start s -> {
                        log.info("deploy: no newer {} runs any more: starting {} (bundle {}) again", s.started().bsn(),
                                s.started().version(), s.started().id());
                        stoppedByUs.remove(a.id());
                        b.start(Bundle.START_TRANSIENT);
                    }
                }
            } catch (BundleException | IllegalStateException e) {
                log.warn("deploy: could not {} bundle {} ({} {}): {}", a instanceof Stop ? "stop" : "start", a.id(),
                        b.getSymbolicName(), b.getVersion(), e.getMessage());
            }
        }
    }
}
