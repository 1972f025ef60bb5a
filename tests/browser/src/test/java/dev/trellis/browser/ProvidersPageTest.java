package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Trellis providers page on the real product: the scripted provider and its models are listed, a model
 * defined while the page is open appears without a reload, "try it" streams answers, POSTs need the token.
 */
class ProvidersPageTest {

    private static final double WAIT_MS = 20_000;

    @RegisterExtension
    static final RunningHost host = new RunningHost();

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Test
    void listsTheScriptedProviderAndItsModelsLiveAndTryItStreams() throws Exception {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-providers");
            assertThat(page.title()).contains("Trellis providers");

            Locator scripted = page.locator("table#providers tr[data-provider='scripted']");
            assertThat(scripted.count()).isEqualTo(1);
            assertThat(scripted.locator("td.state").innerText()).isEqualTo("available");
            assertThat(scripted.locator("td.ratelimit").innerText()).isEqualTo("no limit");
            Locator serving = page.locator("table#provider-instances tr[data-provider='scripted'][data-role='serving']");
            assertThat(serving.count()).isEqualTo(1);
            assertThat(serving.locator("td.bundle").innerText()).startsWith("dev.trellis.provider.scripted (");
            assertThat(serving.locator("td.version").innerText()).startsWith("0.");
            assertThat(page.locator("#providers-default").innerText()).isEqualTo("scripted/echo");
            assertThat(page.locator("table#provider-models tr[data-model='scripted/echo']").count()).isEqualTo(1);
            // the models of runtime-config/scripted-models.yaml, as the product ships them
            for (String model : new String[] {"notes", "slow", "flaky", "whoami"}) {
                assertThat(page.locator("table#provider-models tr[data-model='scripted/" + model + "']").count())
                        .as("scripted/" + model).isEqualTo(1);
            }

            // a model configured while the page is open shows up without a reload
            Path cfg = host.configDir().resolve("dev.trellis.provider.scripted.model-live.cfg");
            Files.writeString(cfg, "script=turns: [[{say: \"live and well\"}]]\n");
            page.waitForSelector("table#provider-models tr[data-model='scripted/live']",
                    new Page.WaitForSelectorOptions().setTimeout(WAIT_MS));

            assertThat(ask(page, "scripted/echo", "hello from chromium")).isEqualTo("hello from chromium");
            assertThat(page.locator("#provider-try-status").innerText()).isEqualTo("done: end_turn");
            assertThat(ask(page, "scripted/live", "anything")).isEqualTo("live and well");
            // the counters follow without a reload too
            page.waitForFunction("() => Number(document.querySelector(\"tr[data-provider='scripted'] td.requests\").textContent) >= 2",
                    null, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));

            Path shot = ConsoleBrowser.screenshot(page, "console-providers.png");
            assertThat(Files.size(shot)).isGreaterThan(1000);
        }
    }

    @Test
    void aRetriedRateLimitShowsUnderRecentErrorsAndTheAnswerStillArrives() {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-providers");
            assertThat(ask(page, "scripted/flaky", "please")).isEqualTo("Third time lucky.");
            page.waitForSelector("table#provider-errors tr[data-kind='RateLimited']",
                    new Page.WaitForSelectorOptions().setTimeout(WAIT_MS));
            assertThat(page.locator("table#provider-errors tr[data-kind='RateLimited'] td.retried").first().innerText())
                    .isEqualTo("yes");
        }
    }

    @Test
    void aPostNeedsTheSessionsToken() {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-providers");
            String token = page.locator("#provider-try input[name=csrf]").inputValue();
            FormData form = FormData.create().set("action", "try").set("model", "scripted/echo").set("prompt", "x");
            APIResponse none = ctx.request().post("/system/console/trellis-providers",
                    RequestOptions.create().setForm(form).setMaxRedirects(0));
            assertThat(none.status()).isEqualTo(403);
            APIResponse right = ctx.request().post("/system/console/trellis-providers",
                    RequestOptions.create().setForm(form.set("csrf", token)).setHeader("X-Trellis-Stream", "1"));
            assertThat(right.status()).isEqualTo(200);
            assertThat(right.text()).isEqualTo("{\"type\":\"text\",\"text\":\"x\"}\n{\"type\":\"usage\",\"input\":1,\"output\":1}\n"
                    + "{\"type\":\"stop\",\"reason\":\"end_turn\"}\n");
        }
    }

    /** Sends a prompt with the page's form and returns what streamed into the output. */
    private static String ask(Page page, String model, String prompt) {
        page.locator("#provider-try-model").selectOption(model);
        page.locator("#provider-try-prompt").fill(prompt);
        page.locator("#provider-try-send").click();
        page.waitForSelector("#provider-try-status[data-state='done'], #provider-try-status[data-state='failed']",
                new Page.WaitForSelectorOptions().setTimeout(WAIT_MS));
        assertThat(page.locator("#provider-try-status").getAttribute("data-state")).as(page.locator("#provider-try-status")
                .innerText()).isEqualTo("done");
        return page.locator("#provider-try-output").innerText();
    }
}
