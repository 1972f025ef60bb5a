package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code trellis-auth} page on the real host with a fresh home, an empty codex home, no provider keys in the
 * environment and a local fake authorization server: no credential at first; an Anthropic key stored through the
 * page shows as a stored key (never the key itself) and clearing it removes it; an OpenAI device-code login shows
 * the code and URL, the page polls until the login is approved, then shows the OAuth login; clearing revokes it;
 * POSTs without the session's CSRF token are refused.
 */
class AuthPageTest {

    static final FakeIssuer issuer = new FakeIssuer(2);
    static final Path codexHome = tempDir();

    @RegisterExtension
    static final RunningHost host = new RunningHost()
            .withEnv("CODEX_HOME", codexHome.toString())
            .withEnv("TRELLIS_OPENAI_ISSUER", issuer.url())
            // the developer's keys must not leak into the host (blank = unset for the auth bundle)
            .withEnv("OPENAI_API_KEY", "").withEnv("ANTHROPIC_API_KEY", "")
            .withEnv("GEMINI_API_KEY", "").withEnv("GOOGLE_API_KEY", "");

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void storeAndClearAnApiKeyThroughThePage() {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-auth");
            assertThat(page.title()).contains("Trellis auth");
            for (String p : new String[] {"openai", "anthropic", "gemini"}) {
                assertThat(row(page, p).locator("td.tier").innerText()).isEqualTo("no credential");
            }

            String key = "sk-ant-browser-test-0123456789";
            page.locator("#key-anthropic").fill(key);
            submit(page, page.locator("#store-anthropic"));

            assertThat(page.locator("#auth-flash").innerText()).startsWith("Stored the API key for anthropic. Now: stored API key");
            assertThat(row(page, "anthropic").locator("td.tier").innerText()).isEqualTo("stored API key");
            assertThat(row(page, "anthropic").locator("td.source").innerText())
                    .isEqualTo("stored key in " + host.home().resolve("api-keys.json"));
            assertThat(page.content()).doesNotContain(key);
            assertThat(host.home().resolve("api-keys.json")).exists();

            page.onDialog(d -> d.accept());
            submit(page, page.locator("#clear-anthropic"));
            assertThat(page.locator("#auth-flash").innerText()).isEqualTo("Removed the stored API key of anthropic."
                    + " Now: no credential.");
            assertThat(row(page, "anthropic").locator("td.tier").innerText()).isEqualTo("no credential");
            screenshot(page, "console-auth.png");
        }
    }

    @Test
    void deviceCodeLoginShowsTheCodeAndThePageFollowsItToTheEnd() {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-auth");
            submit(page, page.locator("#login-device-openai"));

            // the code appears (the page reloads itself once the auth bundle has it)
            page.locator("#auth-user-code").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
            assertThat(page.locator("#auth-user-code").innerText()).isEqualTo(FakeIssuer.USER_CODE);
            assertThat(page.locator("#auth-verification-url").getAttribute("href")).isEqualTo(issuer.url() + "/codex/device");
            assertThat(page.locator("#login-device-openai").count()).isZero(); // one login at a time

            // approved after two polls: the page polls and reloads with the outcome
            page.locator("#auth-flash:has-text('Logged in to openai')")
                    .waitFor(new Locator.WaitForOptions().setTimeout(30_000));
            assertThat(page.locator("#auth-flash").innerText()).isEqualTo("Logged in to openai: OAuth login (refreshable),"
                    + " account ...wxyz.");
            assertThat(page.locator("#auth-login").count()).isZero();
            Locator openai = row(page, "openai");
            assertThat(openai.locator("td.tier").innerText()).isEqualTo("OAuth login (refreshable)");
            assertThat(openai.locator("td.account").innerText()).isEqualTo("...wxyz");
            assertThat(openai.locator("td.expires").innerText()).contains("UTC (in 59 min");
            assertThat(openai.locator("td.source").innerText()).isEqualTo("ChatGPT login (plan pro) in "
                    + host.home().resolve("openai/auth.json"));
            assertThat(issuer.polls()).isEqualTo(3);

            page.onDialog(d -> d.accept());
            submit(page, page.locator("#clear-openai"));
            assertThat(page.locator("#auth-flash").innerText()).startsWith("Removed the OAuth login of openai. Revocation:"
                    + " revoked at " + issuer.url() + "/oauth/revoke.");
            assertThat(issuer.revoked).singleElement().satisfies(b -> assertThat(b).contains("token=rt-browser"));
            assertThat(row(page, "openai").locator("td.tier").innerText()).isEqualTo("no credential");
        }
    }

    @Test
    void postsWithoutTheCsrfTokenAreRefused() {
        try (BrowserContext ctx = browser.login(host)) {
            ConsoleBrowser.open(ctx, "trellis-auth"); // a session exists, but the form post lacks its token
            APIResponse r = ctx.request().post("/system/console/trellis-auth", RequestOptions.create()
                    .setForm(FormData.create().set("action", "store-key").set("provider", "gemini").set("key", "gm-x-1"))
                    .setMaxRedirects(0));
            assertThat(r.status()).isEqualTo(403);
            APIResponse wrong = ctx.request().post("/system/console/trellis-auth", RequestOptions.create()
                    .setForm(FormData.create().set("action", "store-key").set("provider", "gemini").set("key", "gm-x-1")
                            .set("csrf", "forged")).setMaxRedirects(0));
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(host.home().resolve("api-keys.json")).doesNotExist();
        }
    }

    private static Locator row(Page page, String provider) {
        return page.locator("#auth-status tr[data-provider='" + provider + "']");
    }

    private static void submit(Page page, Locator button) {
        page.waitForNavigation(button::click);
    }

    private static void screenshot(Page page, String name) {
        Path dir = Path.of(System.getProperty("trellis.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("trellis-auth-codex-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
