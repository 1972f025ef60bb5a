package dev.trellis.benchmarks;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskService;
import dev.trellis.api.tasks.TaskSpec;
import dev.trellis.api.tasks.TaskStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The task data of the issue 6 benchmarks, built per fork on the real stack ({@link TrellisTasks}): 100 lists of 100
 * tasks, statuses and owners (10 agents) in turn, "kestrel" in 1 % of the subjects ("heron" in the rest).
 */
final class TaskData implements AutoCloseable {

    static final Scope WIDE = Scope.local("bench-tasks");
    static final Scope CHAIN = Scope.local("bench-chain");
    static final int LISTS = 100;
    static final int PER_LIST = 100;
    static final String[] STATUSES = {"pending", "in-progress", "blocked", "completed", "cancelled"};

    final Path home = Sqlite.tempHome("tasks");
    final TrellisTasks trellis = new TrellisTasks(home);
    final TaskService tasks = trellis.tasksFor("bench.tasks");
    final MemoryService memory = trellis.memory().memoryFor("bench.writer");

    /**
     * 100 lists of 100 tasks created through {@code TaskService.create} (one call per list), then their edges written
     * as the lists' JSON through plain memory writes (one per list): each task blocks two random tasks of the scope,
     * or, for a chain, the next task.
     */
    static List<EdgeRef> fill(TaskService tasks, MemoryService memory, Scope scope, String prefix, Random random,
            boolean chain) {
        List<EdgeRef> all = new ArrayList<>();
        for (int l = 0; l < LISTS; l++) {
            List<TaskSpec> specs = new ArrayList<>();
            for (int i = 0; i < PER_LIST; i++) {
                int n = l * PER_LIST + i;
                String subject = "task " + n + " of " + prefix + l + (n % 100 == 7 ? " kestrel" : " heron");
                specs.add(new TaskSpec(subject, "", Optional.empty(), Optional.of(TaskStatus.parse(STATUSES[n % 5])),
                        Optional.of("agent-" + (n % 10)), "{}"));
            }
            String list = String.format("%s%02d", prefix, l);
            for (TaskId id : tasks.create(scope, list, Optional.empty(), specs)) {
                all.add(EdgeRef.item(list, id));
            }
        }
        for (int l = 0; l < LISTS; l++) {
            StringBuilder json = new StringBuilder("{\"items\":[");
            for (int i = 0; i < PER_LIST; i++) {
                int n = l * PER_LIST + i;
                EdgeRef self = all.get(n);
                json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(self.item().orElseThrow()).append("\",\"subject\":\"task ")
                        .append(n).append(n % 100 == 7 ? " kestrel" : " heron").append("\",\"status\":\"").append(STATUSES[n % 5])
                        .append("\",\"owner\":\"agent-").append(n % 10).append("\",\"blocks\":[");
                if (chain) {
                    if (n + 1 < all.size()) {
                        json.append('"').append(all.get(n + 1)).append('"');
                    }
                } else {
                    json.append('"').append(all.get(random.nextInt(all.size()))).append("\",\"")
                            .append(all.get(random.nextInt(all.size()))).append('"');
                }
                json.append("]}");
            }
            memory.apply(BlockAddress.of(scope, self(all, l).block()), new MemoryOp.Set(json.append("]}").toString()));
        }
        return all;
    }

    private static EdgeRef self(List<EdgeRef> all, int list) {
        return all.get(list * PER_LIST);
    }

    @Override
    public void close() {
        trellis.close();
        Sqlite.delete(home);
    }
}
