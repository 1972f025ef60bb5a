package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code trellis-memory} console page on the real host: create a block through the page, edit it and see
 * the new revision and the change in the history, undo, search; a stale edit is refused with the current
 * content shown and the typed text kept; POSTs without the session's CSRF token are refused.
 */
class MemoryPageTest {

    @RegisterExtension
    static final RunningHost host = new RunningHost();

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Test
    void createEditUndoAndSearchThroughThePage() throws Exception {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-memory");
            assertThat(page.title()).contains("Trellis memory");
            create(page, "local:browser", "notes", "Notes the browser test keeps", "first line");

            assertThat(page.locator("#memory-flash").innerText())
                    .isEqualTo("Created block local:browser/notes at revision 1.");
            assertThat(page.locator("#block-metadata").getAttribute("data-revision")).isEqualTo("1");
            assertThat(page.locator("#block-content").innerText()).isEqualTo("first line");

            page.locator("#block-edit textarea[name=content]").fill("first line\nsecond line with $dollar & <b>tag</b>");
            submit(page, page.locator("#block-save"));

            assertThat(page.locator("#memory-flash").innerText()).isEqualTo("Saved block local:browser/notes: revision 2.");
            assertThat(page.locator("#block-metadata").getAttribute("data-revision")).isEqualTo("2");
            assertThat(page.locator("#block-metadata tr.revision td").innerText()).isEqualTo("2");
            assertThat(page.locator("#block-content").innerText())
                    .isEqualTo("first line\nsecond line with $dollar & <b>tag</b>");
            Locator newest = page.locator("#block-history tbody tr").first();
            assertThat(newest.getAttribute("data-revision")).isEqualTo("2");
            assertThat(newest.locator("td.op").innerText()).isEqualTo("set");
            assertThat(newest.locator("td.author").innerText()).isEqualTo("plugin dev.trellis.console");
            assertThat(newest.locator("td.content summary").innerText())
                    .isEqualTo("first line second line with $dollar & <b>tag</b>");
            assertThat(page.locator("#block-history tr[data-revision='1'] td.op").innerText()).isEqualTo("create");
            assertThat(page.locator("#block-undo").innerText()).isEqualTo("Undo (1)");

            submit(page, page.locator("#block-undo"));
            assertThat(page.locator("#memory-flash").innerText())
                    .isEqualTo("Undone: block local:browser/notes is now at revision 3.");
            assertThat(page.locator("#block-content").innerText()).isEqualTo("first line");
            assertThat(page.locator("#block-history tbody tr").first().locator("td.op").innerText()).isEqualTo("undo");
            assertThat(page.locator("#block-redo").isEnabled()).isTrue();

            page.locator("#memory-search input[name=q]").fill("first");
            submit(page, page.locator("#memory-search button"));
            Locator hit = page.locator("#memory-search-results tr[data-kind='block'][data-ref='notes']");
            assertThat(hit.count()).as(page.locator("#memory-search-results").innerHTML()).isEqualTo(1);
            assertThat(hit.locator("td.scope").innerText()).isEqualTo("local:browser");

            submit(page, page.locator("#memory-all"));
            Locator row = page.locator("#memory-blocks tr[data-address='local:browser/notes']");
            assertThat(row.locator("td.schema").innerText()).isEqualTo("text");
            assertThat(row.locator("td.author").innerText()).isEqualTo("plugin dev.trellis.console");
            assertThat(page.locator("#memory-subscriptions, #memory-subscriptions-unavailable").count()).isEqualTo(1);

            submit(page, row.locator("td.label a"));
            screenshot(page, "console-memory.png");
        }
    }

    @Test
    void staleEditIsRefusedWithCurrentContentAndTheTypedTextKept() {
        try (BrowserContext ctx = browser.login(host)) {
            Page first = ConsoleBrowser.open(ctx, "trellis-memory");
            create(first, "local:browser", "conflict", "", "version one");
            assertThat(first.locator("#block-metadata").getAttribute("data-revision")).isEqualTo("1");

            // a second tab loads the same block and saves first
            Page second = ctx.newPage();
            second.navigate(first.url());
            second.locator("#block-edit textarea[name=content]").fill("changed in the second tab");
            submit(second, second.locator("#block-save"));
            assertThat(second.locator("#memory-flash").innerText()).contains("revision 2");

            String typed = "my careful edit, loaded at revision 1";
            first.locator("#block-edit textarea[name=content]").fill(typed);
            submit(first, first.locator("#block-save"));

            assertThat(first.locator("#memory-flash").getAttribute("data-error")).isEqualTo("true");
            assertThat(first.locator("#memory-flash").innerText()).isEqualTo("Conflict: block local:browser/conflict is at"
                    + " revision 2, not 1. Nothing was saved; your text is kept in the form.");
            assertThat(first.locator("#edit-conflict").innerText()).contains("changed to revision 2 after you loaded revision 1");
            assertThat(first.locator("#block-content").innerText()).isEqualTo("changed in the second tab");
            assertThat(first.locator("#block-edit textarea[name=content]").inputValue()).isEqualTo(typed);
            assertThat(first.locator("#block-metadata").getAttribute("data-revision")).isEqualTo("2");

            // the kept text survives a reload, and saving again (now against revision 2) goes through
            first.reload();
            assertThat(first.locator("#block-edit textarea[name=content]").inputValue()).isEqualTo(typed);
            submit(first, first.locator("#block-save"));
            assertThat(first.locator("#memory-flash").innerText())
                    .isEqualTo("Saved block local:browser/conflict: revision 3.");
            assertThat(first.locator("#block-content").innerText()).isEqualTo(typed);
            assertThat(first.locator("#edit-conflict").count()).isZero();
        }
    }

    @Test
    void archivalEntriesAreAddedFoundAndDeletedByTheAdmin() {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-memory");
            Locator insert = page.locator("#archival-insert");
            insert.locator("input[name=scope]").fill("local:archive-test");
            insert.locator("input[name=metadata]").fill("{\"source\":\"browser test\"}");
            insert.locator("textarea[name=content]").fill("The launch moved to March.");
            submit(page, insert.locator("button[type=submit]"));

            String id = page.locator("#archival-entry").getAttribute("data-id");
            assertThat(page.locator("#memory-flash").innerText())
                    .isEqualTo("Added archival entry " + id + " to local:archive-test.");
            assertThat(page.locator("#archival-content").innerText()).isEqualTo("The launch moved to March.");
            assertThat(page.locator("#archival-entry tr.metadata td").innerText()).isEqualTo("{\"source\":\"browser test\"}");

            // the scope holds no blocks, so it is named in the search
            Locator search = page.locator("#memory-search");
            search.locator("input[name=q]").fill("launch");
            search.locator("input[name=in]").fill("local:archive-test");
            search.locator("select[name=type]").selectOption("archival");
            submit(page, search.locator("button"));
            Locator hit = page.locator("#memory-search-results tr[data-kind='archival'][data-ref='" + id + "']");
            assertThat(hit.count()).as(page.locator("#memory-search-results").innerHTML()).isEqualTo(1);
            submit(page, hit.locator("td.ref a"));

            page.onDialog(d -> d.accept()); // the delete button asks for confirmation
            submit(page, page.locator("#archival-delete button"));
            assertThat(page.locator("#memory-flash").innerText()).isEqualTo("Deleted archival entry " + id + ".");

            page.navigate("/system/console/trellis-memory?archival=" + id);
            assertThat(page.locator("#memory-flash").innerText()).isEqualTo("There is no archival entry " + id + ".");
            page.navigate("/system/console/trellis-memory?q=launch&in=local%3Aarchive-test&type=archival");
            assertThat(page.locator("#memory-search-results tbody").innerText()).isEqualTo("No matches.");
        }
    }

    @Test
    void postsWithoutTheSessionTokenAreRefused() {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-memory"); // the session and its token exist now
            String token = page.locator("#block-create input[name=csrf]").inputValue();
            assertThat(token).hasSizeGreaterThanOrEqualTo(40);

            FormData form = FormData.create().set("action", "create").set("scope", "local:csrf").set("label", "x")
                    .set("schema", "text").set("tier", "working").set("content", "should never exist");
            APIResponse none = ctx.request().post("/system/console/trellis-memory", RequestOptions.create().setForm(form)
                    .setMaxRedirects(0));
            assertThat(none.status()).isEqualTo(403);
            APIResponse wrong = ctx.request().post("/system/console/trellis-memory",
                    RequestOptions.create().setForm(form.set("csrf", token.substring(1) + "A")).setMaxRedirects(0));
            assertThat(wrong.status()).isEqualTo(403);

            page.reload();
            assertThat(page.locator("#memory-blocks tr[data-address='local:csrf/x']").count()).isZero();

            // the same form with the right token is accepted (redirect to the new block)
            APIResponse right = ctx.request().post("/system/console/trellis-memory",
                    RequestOptions.create().setForm(form.set("csrf", token)).setMaxRedirects(0));
            assertThat(right.status()).isEqualTo(303);
            page.reload();
            assertThat(page.locator("#memory-blocks tr[data-address='local:csrf/x']").count()).isEqualTo(1);
        }
    }

    private static void create(Page page, String scope, String label, String description, String content) {
        Locator form = page.locator("#block-create");
        form.locator("input[name=scope]").fill(scope);
        form.locator("input[name=label]").fill(label);
        form.locator("select[name=schema]").selectOption("text");
        form.locator("input[name=description]").fill(description);
        form.locator("textarea[name=content]").fill(content);
        submit(page, form.locator("button[type=submit]"));
    }

    /** Clicks something that loads a new page (a form post answered by a redirect, a link) and waits for it. */
    @SuppressWarnings("deprecation")
    static void submit(Page page, Locator target) {
        page.waitForNavigation(target::click);
    }

    static void screenshot(Page page, String name) throws Exception {
        ConsoleBrowser.screenshot(page, name);
    }
}
