package dev.trellis.tasks.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.schema.SchemaOwner;
import dev.trellis.api.memory.schema.SchemaViolation;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.tasks.internal.format.TaskListJson;
import java.util.concurrent.CompletableFuture;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Owns schema {@code task-list}: the memory bundle calls it for every write of a task-list block. New content
 * is parsed (located errors), new items get ids and defaults, and the canonical JSON is stored; then, in the
 * same store transaction as the block row, the task index is brought in step with the block. When it starts
 * it reconciles the index with the blocks on a virtual thread ({@link IndexReconciler}).
 */
@Component(service = {SchemaOwner.class, TaskListOwner.class}, property = SchemaOwner.SCHEMA + "=task-list")
public final class TaskListOwner implements SchemaOwner {

    private final TaskIds ids;
    private final IndexReconciler reconciler;
    private final CompletableFuture<IndexReconciler.Report> reconciled = new CompletableFuture<>();

    @Activate
    public TaskListOwner(@Reference(name = "ids") TaskIds ids, @Reference(name = "store") StoreService store,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.ids = ids;
        this.reconciler = new IndexReconciler(store);
        // off the activating thread: SCR holds component locks while activate runs
        Thread.ofVirtual().name("trellis-task-index-reconcile").start(() -> {
            try {
                IndexReconciler.Report report = reconciler.run();
                report.problems().forEach(p -> log.warn("task index: {}", p));
                if (report.changed() > 0) {
                    log.info("task index: {}", report.summary());
                }
                reconciled.complete(report);
            } catch (RuntimeException e) {
                log.error("task index: reconciling it with the task-list blocks failed; the next start retries", e);
                reconciled.completeExceptionally(e);
            }
        });
    }

    /** For tests: an owner without a store, so without a start-up reconcile. */
    TaskListOwner(TaskIds ids) {
        this.ids = ids;
        this.reconciler = null;
        reconciled.complete(new IndexReconciler.Report(0, 0, 0, java.util.List.of()));
    }

    @Deactivate
    void deactivate() {
        if (reconciler != null) {
            reconciler.stop();
        }
    }

    /** Completes when the start-up reconcile is done. */
    CompletableFuture<IndexReconciler.Report> reconciled() {
        return reconciled;
    }

    @Override
    public Schema schema() {
        return Schema.TASK_LIST;
    }

    @Override
    public String normalize(BlockAddress address, String content) {
        return TaskListJson.format(TaskListJson.parse(content, ids));
    }

    @Override
    public void written(StoreTransaction tx, Block block) {
        tx.tasks().replace(block.address(), block.revision(), TaskListJson.parse(block.content()).items());
    }

    @Override
    public void removed(StoreTransaction tx, BlockAddress address) {
        tx.tasks().remove(address);
    }

    @Override
    public String render(Block block) {
        try {
            return ListRenderer.render(block.address().label(), TaskListJson.parse(block.content()));
        } catch (SchemaViolation e) {
            // stored before this bundle checked it: show it as it is, with the reason
            return block.content() + "\n(not a valid task list: " + e.getMessage() + ")";
        }
    }
}
