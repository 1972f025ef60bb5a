package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code trellis-skills} console page on the real host: the product's runtime-config watches
 * {@code <home>/skills} for project {@code default}; a good and a broken skill file dropped there show up as a
 * skill (found by search, viewed with its metadata and instructions) and as a broken file with its location.
 */
class SkillsPageTest {

    @RegisterExtension
    static final RunningHost host = new RunningHost();

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    private static void write(Path dir, String name, String text) throws Exception {
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir.getParent(), name, ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reloads the page until {@code selector} matches (the watcher picks files up within about a second). */
    private static void awaitOnReload(Page page, String selector) {
        Awaitility.await(selector).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            page.reload();
            return page.locator(selector).count() > 0;
        });
    }

    @SuppressWarnings("deprecation")
    private static void submit(Page page, Locator target) {
        page.waitForNavigation(target::click);
    }

    @Test
    void searchViewAndSeeABrokenFile() throws Exception {
        Path skills = host.home().resolve("skills");
        write(skills, "heron-watch.md", """
                ---
                name: heron-watch
                description: Count grey herons at the pond
                keywords: [birds, herons]
                x-season: winter
                ---

                ## Steps
                1. Walk the east bank & count <every> heron.
                """);
        write(skills, "broken-thing.md", "---\nname: broken-thing\nkeywords: just-a-string\n---\nbody\n");

        try (BrowserContext ctx = browser.login(host)) {
            Page page = ConsoleBrowser.open(ctx, "trellis-skills");
            assertThat(page.title()).contains("Trellis skills");
            awaitOnReload(page, "#skill-problems tr[data-source='project:default']");

            // sources and tiers: first-party from the bundle, the project's directory
            assertThat(page.locator("#skill-sources tr[data-source='first-party'] td.tier").innerText()).isEqualTo("first-party");
            assertThat(page.locator("#skill-sources tr[data-source='project:default'] td.tier").innerText())
                    .isEqualTo("project-local");
            assertThat(page.locator("#skill-sources tr[data-source='project:default'] td.location").innerText())
                    .isEqualTo(skills.toString());

            // the broken file, with file, line and column
            Locator broken = page.locator("#skill-problems tr[data-source='project:default']");
            assertThat(broken.locator("td.file").innerText()).isEqualTo(skills.resolve("broken-thing.md").toString());
            assertThat(broken.locator("td.line").innerText()).isEqualTo("3");
            assertThat(broken.locator("td.column").innerText()).isEqualTo("11");
            assertThat(broken.locator("td.message").innerText())
                    .isEqualTo("keywords: expected a list of strings, got a string (write keywords: [auth, login])");
            ConsoleBrowser.screenshot(page, "console-skills.png");

            // search from the project's scope finds the good skill
            page.locator("#skill-search input[name=q]").fill("herons");
            page.locator("#skill-search select[name=scope]").selectOption("local:default");
            submit(page, page.locator("#skill-search button"));
            Locator hit = page.locator("#skill-search-results tr[data-handle='skills/heron-watch']");
            assertThat(hit.count()).as(page.locator("#skill-search-results").innerHTML()).isEqualTo(1);
            assertThat(hit.locator("td.tier").innerText()).isEqualTo("project-local");
            assertThat(hit.locator("td.description").innerText()).isEqualTo("Count grey herons at the pond");

            // view it: metadata, usage (never loaded), the instructions as written
            submit(page, hit.locator("td.name a"));
            assertThat(page.locator("#skill-metadata tr.tier td").innerText()).isEqualTo("project-local");
            assertThat(page.locator("#skill-metadata tr.source td").innerText())
                    .isEqualTo("project default, file heron-watch.md");
            assertThat(page.locator("#skill-metadata tr.keywords td").innerText()).isEqualTo("birds, herons");
            assertThat(page.locator("#skill-metadata tr.extra td").innerText()).isEqualTo("\"winter\"");
            assertThat(page.locator("#skill-usage").getAttribute("data-count")).isEqualTo("0");
            assertThat(page.locator("#skill-body").innerText()).isEqualTo("## Steps\n1. Walk the east bank & count <every> heron.\n");
            ConsoleBrowser.screenshot(page, "console-skill.png");

            // a first-party skill is listed on the overview of the shared scope
            submit(page, page.locator("#skills-all"));
            assertThat(page.locator("#skills tr[data-handle='first-party/writing-skills'] td.tier").innerText())
                    .isEqualTo("first-party");
        }
    }
}
