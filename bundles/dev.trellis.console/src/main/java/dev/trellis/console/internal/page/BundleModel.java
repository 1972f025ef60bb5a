package dev.trellis.console.internal.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/** Builds the page's rows from live framework objects; pure so it can be tested with fakes. */
final class BundleModel {

    static final String TRELLIS_PREFIX = "dev.trellis.";
    static final String API_PREFIX = "dev.trellis.api.";
    // Same key as dev.trellis.api.tool.Tool.NAME; spelled out so this page also lists tools whose
    // bundle registers them under another interface.
    static final String TOOL_NAME = "tool.name";

    private BundleModel() {
    }

    static List<BundleRow> rows(Bundle[] bundles) {
        return Arrays.stream(bundles)
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(TRELLIS_PREFIX))
                .sorted(Comparator.comparing(Bundle::getSymbolicName).thenComparing(Bundle::getBundleId))
                .map(BundleModel::row)
                .toList();
    }

    private static BundleRow row(Bundle b) {
        List<String> provides;
        List<String> uses;
        try {
            provides = describe(b.getRegisteredServices());
            uses = describe(b.getServicesInUse());
        } catch (IllegalStateException uninstalledMeanwhile) {
            provides = List.of();
            uses = List.of();
        }
        return new BundleRow(b.getBundleId(), b.getSymbolicName(), state(b), b.getVersion().toString(),
                provides, uses);
    }

    /** A resolved fragment never becomes active: say what it is attached to instead of a bare "Resolved". */
    private static String state(Bundle b) {
        String host = b.getHeaders("").get(Constants.FRAGMENT_HOST);
        if (host != null && b.getState() == Bundle.RESOLVED) {
            return "Fragment of " + host.split(";", 2)[0].trim();
        }
        return state(b.getState());
    }

    /** Trellis services among {@code refs}, described and sorted; duplicates collapse. */
    static List<String> describe(ServiceReference<?>[] refs) {
        if (refs == null) {
            return List.of();
        }
        TreeSet<String> out = new TreeSet<>();
        for (ServiceReference<?> ref : refs) {
            String[] classes = objectClasses(ref);
            Object toolName = ref.getProperty(TOOL_NAME);
            List<String> api = new ArrayList<>();
            for (String c : classes) {
                if (c.startsWith(API_PREFIX)) {
                    api.add(c);
                }
            }
            if (api.isEmpty() && toolName == null) {
                continue;
            }
            String names = String.join(", ", api.isEmpty() ? Arrays.asList(classes) : api);
            out.add(toolName == null ? names : names + " [" + TOOL_NAME + "=" + toolName + "]");
        }
        return List.copyOf(out);
    }

    private static String[] objectClasses(ServiceReference<?> ref) {
        return ref.getProperty(Constants.OBJECTCLASS) instanceof String[] classes ? classes : new String[0];
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "Active";
            case Bundle.RESOLVED -> "Resolved";
            case Bundle.INSTALLED -> "Installed";
            case Bundle.STARTING -> "Starting";
            case Bundle.STOPPING -> "Stopping";
            case Bundle.UNINSTALLED -> "Uninstalled";
            default -> "Unknown (" + state + ")";
        };
    }
}
