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
 * has no provider are listed; a message typed in the example agent's chat box is answered by the offline
 * {@code scripted/echo} model, streamed into the page and logged with its token figures; a message sent in the chat box of the second waits in its persisted queue and
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

    /** The browser test: a message to the example agent in the chat box, the answer streamed in. */
    @Test
    void aMessageInTheChatBoxStreamsTheExampleAgentsAnswer() throws Exception {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = chat(ctx, "assistant", "hello there, agent");
            // the live area is written only by the page's event stream (Server-Sent Events)
            Locator turn = page.locator("#chat-live .turn[data-state='ended']");
            turn.waitFor();
            assertThat(turn.locator(".input .who").innerText().strip()).isEqualTo("human admin:");
            assertThat(turn.locator(".input .text").innerText()).isEqualTo("hello there, agent");
            assertThat(turn.locator(".answer .text").innerText()).isEqualTo("hello there, agent");
            assertThat(turn.locator(".end").innerText()).startsWith("end_turn");
            Locator logged = page.locator("#agent-turns tbody tr[data-outcome='ended']").first();
            logged.waitFor();
            assertThat(logged.locator("td.input").innerText()).isEqualTo("hello there, agent");
            assertThat(logged.locator("td.calls").innerText()).isEqualTo("1");
            assertThat(Integer.parseInt(logged.locator("td.out").innerText())).isPositive();
            ConsoleBrowser.screenshot(page, "console-agents.png");
        }
    }

    @Test
    void aQueuedMessageSurvivesAHostRestart() throws Exception {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = chat(ctx, "parked", "remember the <beans> & peas");
            // the product gateway waits for the absent provider, then the runtime keeps the input queued and
            // retries: the flash says the turn started, the queue shows the input once that first try gave up
            page.locator("#chat-flash[data-error='false']").waitFor();
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
            page.locator("#agent-chat[data-streaming='true']").waitFor();
            // right after the start the input may be in its first try again (not listed as waiting), until it gives up
            page.locator("#agent-definition tr.state td:text-matches('^UNAVAILABLE')").waitFor();
            Locator row = page.locator("#agent-queue tbody tr");
            row.first().waitFor();
            assertThat(row.count()).isEqualTo(1);
            assertThat(row.locator("td.author").innerText()).isEqualTo("human admin");
            assertThat(row.locator("td.body").innerText()).isEqualTo("remember the <beans> & peas");
            assertThat(page.locator("#agent-turns tbody tr:not([data-outcome='running'])").count()).as("no turn was stored").isZero();
        }
    }

    /** Opens the agent's page, waits for its event stream and sends {@code text} from the chat box. */
    private static Page chat(BrowserContext ctx, String agent, String text) {
        Page page = ConsoleBrowser.open(ctx, "trellis-agents?agent=" + agent);
        page.locator("#agent-chat[data-streaming='true']").waitFor();
        page.locator("#chat-form textarea[name=text]").fill(text);
        page.locator("#chat-send").click();
        return page;
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
