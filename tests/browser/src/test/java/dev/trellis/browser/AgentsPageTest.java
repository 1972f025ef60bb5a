package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code trellis-agents} console page on the real host: the example agent and a second one whose model
 * has no provider are listed; a message sent in the chat box of the second waits in its persisted queue and
 * is still there after the host is restarted; the page's event stream is open; a POST without the session's
 * CSRF token is refused.
 */
class AgentsPageTest {

    /** An agent whose model's provider never exists: what it is sent stays queued, with or without a gateway. */
    static final String PARKED = """
            system.prompt="I wait."
            model="absent/none"
            """;

    @RegisterExtension
    static final RunningHost host = new RunningHost().withConfigFile("dev.trellis.agent-parked.config", PARKED);

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Test
    void theOverviewListsTheExampleAgent() {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-agents");
            assertThat(page.title()).contains("Trellis agents");
            page.locator("#agents tr[data-agent='parked']").waitFor();
            Locator assistant = page.locator("#agents tr[data-agent='assistant']");
            assertThat(assistant.locator("td.model").innerText()).contains("/");
            assertThat(page.locator("#agents tr[data-agent='parked'] td.model").innerText()).isEqualTo("absent/none");
        }
    }

    @Test
    void aQueuedMessageSurvivesAHostRestart() throws Exception {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-agents?agent=parked");
            page.locator("#agent-chat[data-streaming='true']").waitFor();
            page.locator("#chat-form textarea[name=text]").fill("remember the <beans> & peas");
            page.locator("#chat-send").click();
            page.locator("#chat-flash:has-text('Queued as turn')").waitFor();
            Locator row = page.locator("#agent-queue tbody tr").first();
            row.waitFor();
            assertThat(row.locator("td.author").innerText()).isEqualTo("human admin");
            assertThat(row.locator("td.body").innerText()).isEqualTo("remember the <beans> & peas");
            assertThat(page.locator("#chat-form textarea[name=text]").inputValue()).isEmpty();
        }

        host.stop();
        host.start();

        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-agents?agent=parked");
            Locator row = page.locator("#agent-queue tbody tr");
            assertThat(row.count()).isEqualTo(1);
            assertThat(row.locator("td.author").innerText()).isEqualTo("human admin");
            assertThat(row.locator("td.body").innerText()).isEqualTo("remember the <beans> & peas");
            assertThat(page.locator("#agent-definition tr.state td").innerText()).startsWith("UNAVAILABLE");
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        try (BrowserContext ctx = browser.login(host)) {
            ConsoleBrowser.open(ctx, "trellis-agents?agent=parked");
            APIResponse r = ctx.request().post("/system/console/trellis-agents.json", RequestOptions.create()
                    .setForm(FormData.create().set("action", "send").set("agent", "parked").set("text", "forged")));
            assertThat(r.status()).isEqualTo(403);
            Page page = ConsoleBrowser.open(ctx, "trellis-agents?agent=parked");
            page.locator("#agent-queue").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
            assertThat(page.locator("#agent-queue td.body:has-text('forged')").count()).isZero();
        }
    }
}
