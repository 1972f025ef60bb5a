package dev.trellis.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension with one headless Chromium per test class (the distro's, not a Playwright download) and a
 * helper that opens Web Console pages logged in as admin via HTTP basic credentials. Each {@link #login} gets a
 * fresh browser context; close it (try-with-resources on the returned context) at the end of the test.
 */
public final class ConsoleBrowser implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        Path chromium = chromium();
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium).setHeadless(true).setArgs(ARGS));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A new browser context that sends admin + the host's password; its base URL is the host's. */
    public BrowserContext login(RunningHost host) {
        return browser.newContext(new Browser.NewContextOptions()
                .setHttpCredentials("admin", host.password())
                .setBaseURL(host.baseUrl())
                .setViewportSize(1280, 800));
    }

    /** Opens a console page, e.g. {@code open(ctx, "trellis")} for /system/console/trellis. */
    public static Page open(BrowserContext ctx, String label) {
        Page page = ctx.newPage();
        var response = page.navigate("/system/console/" + label);
        if (response == null || response.status() != 200) {
            throw new AssertionError("GET /system/console/" + label + " answered "
                    + (response == null ? "nothing" : response.status()));
        }
        return page;
    }

    /**
     * A full-page screenshot to {@code target/screenshots/<name>}, or under the directory named by
     * {@code -Dtrellis.screenshots} (a relative one is taken from the repository root, so
     * {@code -Dtrellis.screenshots=docs/images} refreshes the README images).
     */
    public static Path screenshot(Page page, String name) throws java.io.IOException {
        Path shot = Path.of(System.getProperty("trellis.screenshots", "target/screenshots")).resolve(name);
        if (!shot.isAbsolute()) {
            shot = shot.startsWith("target") ? Path.of("").toAbsolutePath().resolve(shot)
                    : RunningHost.repoRoot().resolve(shot);
        }
        Files.createDirectories(shot.getParent());
        page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
        if (Files.size(shot) <= 1000) {
            throw new AssertionError("screenshot " + shot + " is nearly empty (" + Files.size(shot) + " bytes)");
        }
        return shot;
    }

    private static Path chromium() {
        String configured = System.getenv("TRELLIS_CHROMIUM");
        for (String candidate : configured != null ? List.of(configured)
                : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("Chromium not found (looked for " + (configured != null ? configured
                : "/usr/bin/chromium, /usr/bin/chromium-browser") + "). Install it with:"
                + " apt-get install chromium chromium-driver   (.ci/run does this), or set TRELLIS_CHROMIUM.");
    }
}
