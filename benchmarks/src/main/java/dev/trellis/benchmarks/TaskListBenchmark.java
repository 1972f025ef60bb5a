package dev.trellis.benchmarks;

import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 6 list with filters: {@code TaskService.list} over every list of a scope holding 10,000 tasks in 100 lists
 * ({@link TaskData}, each task blocking 2 random others), one filter at a time: {@code status} = any of blocked,
 * in-progress (4,000 tasks), {@code owner} = one of 10 agents (1,000), {@code keyword} = a word in 1 % of the
 * subjects (FTS5, 100), {@code blocked} = has blockers (about 8,650). Beside it {@code rawList}: the statement of
 * {@code SqlTaskIndex.list} for the same labels and filter (keep in step with it), prepared once on a plain
 * connection with the store's PRAGMAs, every column the view needs read.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class TaskListBenchmark {

    static final String RAW_LIST_HEAD = "SELECT * FROM (SELECT t.block_handle, t.task_item_id, t.subject,"
            + " t.status, t.owner_agent_id, t.position,"
            + " (SELECT count(*) FROM task_edges e WHERE e.scope = t.scope AND e.target_block = t.block_handle"
            + " AND e.target_item = t.task_item_id) AS blockers,"
            + " (SELECT count(*) FROM task_edges e WHERE e.scope = t.scope AND e.source_block = t.block_handle"
            + " AND e.source_item = t.task_item_id) AS blocking"
            + " FROM tasks t WHERE t.scope = ? AND t.block_handle IN (";

    @Param({"status", "owner", "keyword", "blocked"})
    public String filter;

    private TaskData data;
    private TaskFilter taskFilter;
    private Connection raw;
    private PreparedStatement rawList;

    @Setup(Level.Trial)
    public void build() throws SQLException {
        data = new TaskData();
        TaskData.fill(data.tasks, data.memory, TaskData.WIDE, "l", new Random(42), false);
        taskFilter = switch (filter) {
            case "status" -> new TaskFilter(Set.of(TaskStatus.BLOCKED, TaskStatus.IN_PROGRESS), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
            case "owner" -> new TaskFilter(Set.of(), Optional.of("agent-3"), Optional.empty(), Optional.empty(), Optional.empty());
            case "keyword" -> new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.of("kestrel"), Optional.empty());
            case "blocked" -> new TaskFilter(Set.of(), Optional.empty(), Optional.of(true), Optional.empty(), Optional.empty());
            default -> throw new IllegalArgumentException(filter);
        };
        raw = Sqlite.open(data.trellis.memory().file(), true);
        rawList = raw.prepareStatement(rawListSql());
        List<TaskView> views = listFiltered();
        int rows = 0;
        try (ResultSet rs = bindList().executeQuery()) {
            while (rs.next()) {
                rows++;
            }
        }
        if (views.isEmpty() || views.size() != rows) {
            throw new IllegalStateException("list " + filter + ": Trellis " + views.size() + " tasks, raw " + rows + " rows");
        }
    }

    private String rawListSql() {
        StringBuilder sql = new StringBuilder(RAW_LIST_HEAD)
                .append(String.join(", ", Collections.nCopies(TaskData.LISTS, "?"))).append(')');
        switch (filter) {
            case "status" -> sql.append(" AND t.status IN (?, ?)");
            case "owner" -> sql.append(" AND t.owner_agent_id = ?");
            case "keyword" -> sql.append(" AND t.id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)");
            default -> {
            }
        }
        sql.append(')');
        if (filter.equals("blocked")) {
            sql.append(" WHERE blockers > 0");
        }
        return sql.append(" ORDER BY block_handle, position").toString();
    }

    private PreparedStatement bindList() throws SQLException {
        int i = 1;
        rawList.setString(i++, TaskData.WIDE.key());
        for (int l = 0; l < TaskData.LISTS; l++) {
            rawList.setString(i++, String.format("l%02d", l));
        }
        switch (filter) {
            case "status" -> {
                rawList.setString(i++, "blocked");
                rawList.setString(i, "in-progress");
            }
            case "owner" -> rawList.setString(i, "agent-3");
            case "keyword" -> rawList.setString(i, "kestrel");
            default -> {
            }
        }
        return rawList;
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        rawList.close();
        raw.close();
        data.close();
    }

    @Benchmark
    public List<TaskView> listFiltered() {
        return data.tasks.list(TaskData.WIDE, Optional.empty(), taskFilter);
    }

    @Benchmark
    public void rawList(Blackhole bh) throws SQLException {
        try (ResultSet rs = bindList().executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getString(1));
                bh.consume(rs.getString(2));
                bh.consume(rs.getString(3));
                bh.consume(rs.getString(4));
                bh.consume(rs.getString(5));
                bh.consume(rs.getInt(7));
                bh.consume(rs.getInt(8));
            }
        }
    }
}
