/**
 * Task lists: memory blocks of schema {@code task-list} holding items with status, owner, comments
 * and outgoing "blocks" edges, queried by filters and breadth-first graph walks.
 * {@link dev.trellis.api.tasks.TaskService} is the entry point; failures are
 * {@link dev.trellis.api.tasks.TaskException}s carrying a sealed {@link dev.trellis.api.tasks.TaskError}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.trellis.api.tasks;
