package dev.trellis.memory.internal;

import dev.trellis.api.memory.admin.MemoryAdmin;
import dev.trellis.api.memory.admin.SubscriptionInfo;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Read-only view of the memory-sync subscriptions of every bundle, for the console and the shell. */
@Component(service = MemoryAdmin.class)
public final class MemoryAdminImpl implements MemoryAdmin {

    private final MemoryEngine engine;

    @Activate
    public MemoryAdminImpl(@Reference MemoryEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<SubscriptionInfo> subscriptions() {
        return engine.hub().subscriptions();
    }
}
