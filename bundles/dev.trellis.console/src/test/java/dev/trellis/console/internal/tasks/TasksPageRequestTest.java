package dev.trellis.console.internal.tasks;

import static dev.trellis.console.testing.Fakes.fake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.TaskError;
import dev.trellis.api.tasks.TaskException;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskService;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The tasks page with fake servlet objects and a fake TaskService: CSRF, actions, filters, errors. */
class TasksPageRequestTest {

    static final Scope S = Scope.local("proj");
    static final TaskId ID = new TaskId(12345);
    static final EdgeRef REF = EdgeRef.item("sprint", ID);

    final Map<String, Object> session = new HashMap<>();
    final HttpSession httpSession = fake(HttpSession.class, Map.of(
            "getAttribute", a -> session.get((String) a[0]),
            "setAttribute", a -> session.put((String) a[0], a[1]),
            "removeAttribute", a -> session.remove((String) a[0])));
    final List<String> responses = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final List<TaskFilter> filters = new ArrayList<>();
    final StringWriter body = new StringWriter();

    HttpServletRequest request(Map<String, String> params, Map<String, String[]> multi) {
        return fake(HttpServletRequest.class, Map.of(
                "getSession", a -> httpSession,
                "getParameter", a -> params.get((String) a[0]),
                "getParameterValues", a -> multi.get((String) a[0])));
    }

    HttpServletResponse response() {
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("setStatus", a -> responses.add("status " + a[0]));
        answers.put("setHeader", a -> responses.add(a[0] + ": " + a[1]));
        answers.put("sendError", a -> responses.add("error " + a[0]));
        answers.put("getWriter", a -> new PrintWriter(body));
        return fake(HttpServletResponse.class, answers);
    }

    TaskService tasks() {
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("create", a -> {
            calls.add("create " + a[0] + " " + a[1] + " " + a[2] + " " + ((List<?>) a[3]).size());
            return List.of(ID, new TaskId(12346));
        });
        answers.put("transition", a -> calls.add("transition " + a[1] + " " + a[2]));
        answers.put("link", a -> calls.add("link " + a[1] + " " + a[2]));
        answers.put("unlink", a -> calls.add("unlink " + a[1] + " " + a[2]));
        answers.put("comment", a -> {
            throw new TaskException(new TaskError.TaskNotFound((EdgeRef) a[1]));
        });
        answers.put("list", a -> {
            calls.add("list " + a[1]);
            filters.add((TaskFilter) a[2]);
            return List.of(new TaskView(REF, "Write <it>", TaskStatus.BLOCKED, Optional.of("ada"), 2, 1));
        });
        answers.put("settings", a -> Optional.empty());
        return fake(TaskService.class, answers);
    }

    void post(Map<String, String> params) throws Exception {
        new TasksPage(tasks(), null).doPost(request(params, Map.of()), response());
    }

    @Test
    void aPostWithoutTheTokenIsRefusedAndChangesNothing() throws Exception {
        post(Map.of("action", "create", "scope", "local:proj", "list", "sprint", "subjects", "a"));
        assertThat(responses).contains("error 403");
        assertThat(calls).isEmpty();
    }

    @Test
    void createTakesOneTaskPerLineAndRedirects() throws Exception {
        session.put("dev.trellis.console.csrf", "tok");
        post(Map.of("csrf", "tok", "action", "create", "scope", "local:proj", "list", "sprint", "subjects",
                "Write it\r\n\r\n  Ship it  \n", "description", ""));
        assertThat(calls).containsExactly("create local:proj sprint Optional.empty 2");
        assertThat(responses).contains("status 303", "Location: trellis-tasks?scope=local%3Aproj&list=sprint");
        assertThat(((Notice) session.get(TasksPage.NOTICE)).message())
                .isEqualTo("Added 2 tasks to sprint: sprint#" + ID + ", sprint#" + new TaskId(12346) + ".");
    }

    @Test
    void linkUnlinkTransitionAndErrorsBecomeNotices() throws Exception {
        session.put("dev.trellis.console.csrf", "tok");
        post(Map.of("csrf", "tok", "action", "link", "scope", "local:proj", "task", REF.toString(), "target", "review",
                "mode", "link"));
        post(Map.of("csrf", "tok", "action", "link", "scope", "local:proj", "task", REF.toString(), "target", "review",
                "mode", "unlink"));
        post(Map.of("csrf", "tok", "action", "transition", "scope", "local:proj", "task", REF.toString(), "status", "completed"));
        assertThat(calls).containsExactly("link " + REF + " review", "unlink " + REF + " review", "transition " + REF + " completed");
        post(Map.of("csrf", "tok", "action", "comment", "scope", "local:proj", "task", REF.toString(), "text", "hi"));
        Notice n = (Notice) session.get(TasksPage.NOTICE);
        assertThat(n.error()).isTrue();
        assertThat(n.message()).isEqualTo("Not done: task " + REF + " not found");
        post(Map.of("csrf", "tok", "action", "transition", "scope", "local:proj", "task", "sprint#", "status", "done"));
        assertThat(((Notice) session.get(TasksPage.NOTICE)).message()).isEqualTo("Not done: edge ref 'sprint#': empty item id at index 7");
    }

    @Test
    void theListViewPassesTheFiltersAndEscapes() throws Exception {
        new TasksPage(tasks(), null).doGet(request(Map.of("scope", "local:proj", "owner", "ada", "blockers", "yes", "q", "spec"),
                Map.of("status", new String[] {"blocked", "pending"})), response());
        TaskFilter expected = new TaskFilter(Set.of(TaskStatus.BLOCKED, TaskStatus.PENDING), Optional.of("ada"),
                Optional.of(true), Optional.of("spec"), Optional.empty());
        assertThat(calls).containsExactly("list Optional.empty");
        assertThat(filters).containsExactly(expected);
        assertThat(body.toString()).contains("id=\"tasks-table\"", "data-ref=\"" + REF + "\"", "Write &lt;it&gt;",
                "<td class=\"blockers\">2</td>", "value=\"blocked\" checked");
    }

    @Test
    void withoutTheServiceThePageSaysWhatIsMissing() throws Exception {
        new TasksPage(null, null).doGet(request(Map.of(), Map.of()), response());
        assertThat(body.toString()).contains("id=\"tasks-unavailable\"", "dev.trellis.tasks");
    }


}
