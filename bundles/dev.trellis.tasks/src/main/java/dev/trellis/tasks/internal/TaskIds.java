package dev.trellis.tasks.internal;

import dev.trellis.api.store.StoreService;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.tasks.internal.format.TaskListJson;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The host's task id generator ({@link IdGenerator}), seeded past the largest id in the index so a restart
 * never repeats one, and the clock new items are stamped with. Registered under its own private class.
 */
// shares the dev.trellis.tasks configuration (node.id); its metatype is designated by TaskEngine
@Component(service = TaskIds.class, configurationPid = "dev.trellis.tasks")
public final class TaskIds implements TaskListJson.Minting {

    private final IdGenerator generator;
    private final Clock clock;

    @Activate
    public TaskIds(@Reference(name = "store") StoreService store, TasksConfig config) {
        this(config.node_id() < 0 ? new SecureRandom().nextInt(1024) : config.node_id(), Clock.systemUTC());
        store.read(tx -> tx.tasks().maxId()).ifPresent(generator::advancePast);
    }

    TaskIds(int node, Clock clock) {
        this.generator = new IdGenerator(node, clock);
        this.clock = clock;
    }

    @Override
    public TaskId newId() {
        return generator.next();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    public int node() {
        return generator.node();
    }
}
