package dev.trellis.api.memory.admin;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the memory host shows to admin surfaces. Read-only: nothing here changes memory. Registered as a
 * singleton by the memory bundle; console pages and shell commands use it when it is present.
 */
@ProviderType
public interface MemoryAdmin {

    /** The memory-sync subscriptions open now, of every bundle, ordered by id; empty if there are none. */
    List<SubscriptionInfo> subscriptions();
}
