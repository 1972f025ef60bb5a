package dev.trellis.memory.internal;

import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.plugin.PluginId;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * {@link MemoryService} with bundle scope: DS creates one instance per using bundle, and every write
 * through it is authored by {@code plugin <bsn>} with origin {@code Plugin(<bsn>, 0)}.
 */
@Component(service = MemoryService.class, scope = ServiceScope.BUNDLE)
public final class MemoryServiceImpl extends ScopedMemory {

    @Activate
    public MemoryServiceImpl(@Reference(name = "engine") MemoryEngine engine, ComponentContext context) {
        this(engine, PluginId.of(context.getUsingBundle().getSymbolicName()));
    }

    MemoryServiceImpl(MemoryEngine engine, PluginId plugin) {
        super(engine, Caller.plugin(plugin));
    }
}
