package dev.trellis.skills.internal;

import dev.trellis.api.plugin.PluginConstants;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.SkillParseError;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * The extender for plugin skills: every ACTIVE bundle with a {@value PluginConstants#SKILLS_HEADER}
 * header (a comma-separated list of entry folders) has the skill files of those folders installed as
 * plugin-installed skills; when the bundle stops or is uninstalled they are removed. A BundleTracker is
 * the tool DS does not replace here: it follows bundle states, not services.
 *
 * <p>Files are read in the tracker callback (the bundle's entries can only be read while it is
 * installed); writing the blocks happens on the core's worker thread. When the framework or this
 * bundle stops, tracked bundles are let go without deleting their skills, so a restart finds them
 * unchanged (no new revisions); the core removes skills of plugins that do not come back after a
 * grace period.
 */
@Component(immediate = true)
public final class SkillExtender {

    private final SkillsCore core;
    private final BundleContext context;
    private final BundleTracker<PluginId> tracker;
    private volatile boolean closing;

    @Activate
    public SkillExtender(@Reference(name = "core") SkillsCore core, BundleContext context) {
        this.core = core;
        this.context = context;
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, new Customizer());
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        closing = true;
        tracker.close();
    }

    private final class Customizer implements BundleTrackerCustomizer<PluginId> {

        @Override
        public PluginId addingBundle(Bundle bundle, BundleEvent event) {
            String header = bundle.getHeaders("").get(PluginConstants.SKILLS_HEADER);
            if (header == null || bundle.getBundleId() == context.getBundle().getBundleId()
                    || bundle.getSymbolicName() == null) {
                return null;
            }
            PluginId plugin;
            try {
                plugin = PluginId.of(bundle.getSymbolicName());
            } catch (IllegalArgumentException e) {
                core.log().warn("skills: bundle " + bundle.getBundleId() + " has a " + PluginConstants.SKILLS_HEADER
                        + " header but its symbolic name is not usable: " + e.getMessage());
                return null;
            }
            core.submit(read(bundle, plugin, header));
            return plugin;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, PluginId plugin) {
            // still ACTIVE: nothing changed for its skills
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, PluginId plugin) {
            if (closing || frameworkStopping()) {
                return;
            }
            core.withdraw(SkillsCore.PluginSource.id(plugin));
        }
    }

    private boolean frameworkStopping() {
        try {
            return context.getBundle(0).getState() == Bundle.STOPPING;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    static SourceRegistry.Source read(Bundle bundle, PluginId plugin, String header) {
        List<SourceScan.File> files = new ArrayList<>();
        List<SkillParseError> problems = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        for (String part : header.split(",")) {
            String folder = part.strip();
            if (folder.isEmpty()) {
                continue;
            }
            folders.add(folder);
            if (!BundleFolder.exists(bundle, folder)) {
                problems.add(new SkillParseError(plugin + ":/" + folder, 0, 0, "the folder named by the "
                        + PluginConstants.SKILLS_HEADER + " header does not exist in the bundle"));
                continue;
            }
            files.addAll(BundleFolder.read(bundle, folder));
        }
        String location = plugin + ":/" + String.join(", /", folders);
        return SkillsCore.PluginSource.source(plugin, location, files, problems);
    }
}
