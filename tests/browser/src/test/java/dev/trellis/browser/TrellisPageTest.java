package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Trellis page lists the live Trellis bundles; its JSON endpoint says the same. */
class TrellisPageTest {

    @RegisterExtension
    static final RunningHost host = new RunningHost();

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Test
    void pageListsActiveTrellisBundlesAndJsonAgrees() throws Exception {
        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis");

            assertThat(page.title()).contains("Trellis");
            Locator table = page.locator("table#trellis-bundles");
            for (String bsn : new String[] {"dev.trellis.api", "dev.trellis.console"}) {
                Locator row = table.locator("tr[data-bsn='" + bsn + "']");
                assertThat(row.count()).as(bsn).isEqualTo(1);
                assertThat(row.locator("td.bsn").innerText()).isEqualTo(bsn);
                assertThat(row.locator("td.state").innerText()).as(bsn).isEqualTo("Active");
                assertThat(row.locator("td.version").innerText()).as(bsn).startsWith("0.");
            }
            assertThat(page.locator("#trellis-problems-title").innerText()).contains("Recent problems");
            // the page shows up in the console navigation under its own category
            assertThat(page.locator("a[href$='/system/console/trellis']").count()).isGreaterThanOrEqualTo(1);

            APIResponse json = ctx.request().get("/system/console/trellis.json");
            assertThat(json.status()).isEqualTo(200);
            assertThat(json.headers().get("content-type")).startsWith("application/json");
            String body = json.text();
            for (Locator row : table.locator("tbody tr[data-bsn]").all()) {
                String bsn = row.getAttribute("data-bsn");
                String state = row.locator("td.state").innerText();
                String version = row.locator("td.version").innerText();
                Matcher m = Pattern.compile("\\{\"id\":\\d+,\"bsn\":\"" + Pattern.quote(bsn)
                        + "\",\"state\":\"([^\"]*)\",\"version\":\"([^\"]*)\"").matcher(body);
                assertThat(m.find()).as("JSON has " + bsn + ": " + body).isTrue();
                assertThat(m.group(1)).as(bsn).isEqualTo(state);
                assertThat(m.group(2)).as(bsn).isEqualTo(version);
            }
            assertThat(table.locator("tbody tr[data-bsn]").count())
                    .isEqualTo(Pattern.compile("\"bsn\":").matcher(body).results().count());

            // Screenshots go to target/ so a test run never dirties the work tree; the README's image is
            // refreshed on purpose with -Dtrellis.screenshots=docs/images.
            ConsoleBrowser.screenshot(page, "console-trellis.png");
        }
    }
}
