package dev.trellis.browser;

import static dev.trellis.browser.MemoryPageTest.screenshot;
import static dev.trellis.browser.MemoryPageTest.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code trellis-tasks} console page on the real host: add tasks to a new list through the page, see them in the
 * table, link them and change a status on a task's page, filter the list, and see the dependency graph of a BFS
 * slice (SVG boxes and arrows); POSTs without the session's CSRF token are refused.
 */
class TasksPageTest {

    @RegisterExtension
    static final RunningHost host = new RunningHost();

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Test
    void aListWithItsTasksAndTheGraphOfASlice() throws Exception {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-tasks");
            assertThat(page.title()).contains("Trellis tasks");
            Locator create = page.locator("#tasks-create");
            create.locator("input[name=scope]").fill("local:browser");
            create.locator("input[name=list]").fill("sprint");
            create.locator("input[name=description]").fill("This week");
            create.locator("textarea[name=subjects]").fill("Write the spec\nReview the spec\nShip <it> & $celebrate");
            submit(page, create.locator("button[type=submit]"));

            assertThat(page.locator("#tasks-notice").innerText()).startsWith("Added 3 tasks to sprint: sprint#");
            Locator rows = page.locator("#tasks-table tbody tr");
            assertThat(rows.count()).isEqualTo(3);
            List<String> refs = rows.all().stream().map(r -> r.getAttribute("data-ref")).toList();
            assertThat(refs).allSatisfy(r -> assertThat(r).matches("sprint#[0-9a-z]{13}"));
            assertThat(rows.nth(2).locator("td.subject").innerText()).isEqualTo("Ship <it> & $celebrate");
            assertThat(rows.nth(0).locator("td.status").innerText()).isEqualTo("pending");

            // on the first task's page: it blocks the second, the second blocks the third; the first is in progress
            submit(page, rows.nth(0).locator("td.ref a"));
            assertThat(page.locator("#task-detail").getAttribute("data-ref")).isEqualTo(refs.get(0));
            link(page, refs.get(1));
            assertThat(page.locator("#tasks-notice").innerText()).isEqualTo(refs.get(0) + " now blocks " + refs.get(1) + ".");
            page.locator("#task-transition select[name=status]").selectOption("in-progress");
            submit(page, page.locator("#task-transition button"));
            assertThat(page.locator("#tasks-notice").innerText()).isEqualTo("Task " + refs.get(0) + " is now in-progress.");
            assertThat(page.locator("#task-detail").getAttribute("data-status")).isEqualTo("in-progress");
            page.locator("#task-comment input[name=text]").fill("started on it");
            submit(page, page.locator("#task-comment button"));
            assertThat(page.locator("#task-comments").innerText()).contains("plugin dev.trellis.console", "started on it");

            page.navigate("/system/console/trellis-tasks?scope=local%3Abrowser&task=" + refs.get(1).replace("#", "%23"));
            link(page, refs.get(2));
            assertThat(page.locator("#task-detail tr.blocked-by td").innerText()).isEqualTo(refs.get(0));
            assertThat(page.locator("#task-detail tr.blocks td").innerText()).isEqualTo(refs.get(2));

            // the slice around the middle task (both ways, depth 3): three boxes, two arrows, the root marked
            Locator graph = page.locator("#task-graph");
            assertThat(graph.locator("g.task-node").count()).isEqualTo(3);
            assertThat(graph.locator("g.task-node[data-ref='" + refs.get(0) + "']").getAttribute("class"))
                    .isEqualTo("task-node status-in-progress");
            assertThat(graph.locator("path.task-edge").count()).isEqualTo(2);
            assertThat(graph.locator("path.task-edge[data-source='" + refs.get(0) + "'][data-target='" + refs.get(1) + "']")
                    .count()).isEqualTo(1);
            assertThat(page.locator("#task-graph-note").textContent()).isEqualTo("3 nodes, 2 edges");
            assertThat(graph.locator("g.task-node[data-ref='" + refs.get(2) + "'] text").allTextContents())
                    .contains("Ship <it> & $celebrate");
            screenshot(page, "console-tasks.png");

            // forward only from the middle task, depth 1: itself and the task it blocks
            page.locator("#graph-form select[name=direction]").selectOption("forward");
            page.locator("#graph-form input[name=depth]").fill("1");
            submit(page, page.locator("#graph-form button"));
            assertThat(page.locator("#task-graph g.task-node").count()).isEqualTo(2);

            // filters on the list view
            page.navigate("/system/console/trellis-tasks?scope=local%3Abrowser&list=sprint");
            Locator filter = page.locator("#tasks-filter");
            filter.locator("input[value='in-progress']").check();
            submit(page, filter.locator("button"));
            assertThat(page.locator("#tasks-table tbody tr").all()).extracting(r -> r.getAttribute("data-ref"))
                    .containsExactly(refs.get(0));
            filter = page.locator("#tasks-filter");
            filter.locator("input[value='in-progress']").uncheck();
            filter.locator("select[name=blockers]").selectOption("yes");
            submit(page, filter.locator("button"));
            assertThat(page.locator("#tasks-table tbody tr").all()).extracting(r -> r.getAttribute("data-ref"))
                    .containsExactly(refs.get(1), refs.get(2));
            filter = page.locator("#tasks-filter");
            filter.locator("select[name=blockers]").selectOption("any");
            filter.locator("input[name=q]").fill("spec");
            submit(page, filter.locator("button"));
            assertThat(page.locator("#tasks-table tbody tr").count()).isEqualTo(2);

            // the graph of the whole list: the list and its three items
            submit(page, page.locator("#tasks-list-graph"));
            assertThat(page.locator("#task-graph g.task-node[data-ref='sprint']").count()).isEqualTo(1);
            assertThat(page.locator("#task-graph g.task-node").count()).isEqualTo(4);

            // and the overview lists the new list
            submit(page, page.locator("#tasks-all"));
            assertThat(page.locator("#task-lists tr[data-list='local:browser/sprint'] td").nth(2).innerText()).isEqualTo("This week");
        }
    }

    private static void link(Page page, String target) {
        page.locator("#task-link input[name=target]").fill(target);
        submit(page, page.locator("#task-link button[value=link]"));
    }

    @Test
    void badInputIsExplainedAndPostsNeedTheToken() {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-tasks");
            String token = page.locator("#tasks-create input[name=csrf]").inputValue();
            FormData form = FormData.create().set("action", "create").set("scope", "local:csrf-tasks").set("list", "x")
                    .set("subjects", "should never exist");
            APIResponse none = ctx.request().post("/system/console/trellis-tasks",
                    RequestOptions.create().setForm(form).setMaxRedirects(0));
            assertThat(none.status()).isEqualTo(403);
            page.reload();
            assertThat(page.locator("#task-lists tr[data-list='local:csrf-tasks/x']").count()).isZero();
            APIResponse right = ctx.request().post("/system/console/trellis-tasks",
                    RequestOptions.create().setForm(form.set("csrf", token)).setMaxRedirects(0));
            assertThat(right.status()).isEqualTo(303);

            page.navigate("/system/console/trellis-tasks?scope=nope");
            assertThat(page.locator("#tasks-problem").innerText())
                    .isEqualTo("scope 'nope' must be 'local:<project>' or 'global:<persona>'");
            page.navigate("/system/console/trellis-tasks?scope=local%3Acsrf-tasks&list=missing");
            assertThat(page.locator("#tasks-problem").innerText()).isEqualTo("task list 'missing' not found");
        }
    }
}
