package dev.trellis.tasks.internal;

import dev.trellis.api.memory.Author;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.tasks.TaskService;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * {@link TaskService} with bundle scope: each using bundle gets its own instance, and every change through it
 * is authored {@code plugin <bsn>} of that bundle (the memory write is made for it with
 * {@code MemoryService.actingFor}).
 */
@Component(service = TaskService.class, scope = ServiceScope.BUNDLE)
public final class TaskServiceImpl extends ScopedTasks {

    @Activate
    public TaskServiceImpl(@Reference(name = "engine") TaskEngine engine, ComponentContext context) {
        this(engine, PluginId.of(context.getUsingBundle().getSymbolicName()));
    }

    TaskServiceImpl(TaskEngine engine, PluginId caller) {
        super(engine, TaskEngine.Actor.of(new Author.Plugin(caller)));
    }
}
