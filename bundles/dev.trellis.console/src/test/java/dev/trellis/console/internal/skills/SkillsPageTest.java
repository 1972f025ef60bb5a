package dev.trellis.console.internal.skills;

import static dev.trellis.console.testing.Fakes.fake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillAdmin;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillMetadata;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.SkillService;
import dev.trellis.api.skills.SkillSource;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.TrustTier;
import dev.trellis.api.skills.UsageStats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trellis-skills page with fake services: sections, escaping, problems with their location, view. */
class SkillsPageTest {

    static final String EVIL = "<script>x</script> ${felix} & \"q\"";
    static final Scope PROJECT = Scope.local("demo");
    final List<Object[]> calls = new ArrayList<>();

    static SkillInfo info(String handle, String name) {
        return new SkillInfo(handle, name, Optional.of(EVIL), TrustTier.PLUGIN_INSTALLED, List.of("k1", "k2"),
                Optional.of(Instant.parse("2026-11-25T10:00:00Z")));
    }

    SkillsPage page() {
        Skill skill = new Skill("plugin/org.x/fix", new SkillMetadata("fix", TrustTier.PLUGIN_INSTALLED, Optional.of(EVIL),
                List.of("auth"), Optional.of("{\"on_load\":[1]}"), Optional.of(PluginId.of("org.x")), Map.of("license", "\"MIT\"")),
                new SkillSource.Plugin(PluginId.of("org.x")), "## Steps\n" + EVIL);
        SkillService service = fake(SkillService.class, Map.of(
                "list", a -> {
                    calls.add(a);
                    return List.of(info("plugin/org.x/fix", "fix"));
                },
                "search", a -> {
                    calls.add(a);
                    return List.of(info("plugin/org.x/fix", "fix"));
                },
                "get", a -> a[1].equals("plugin/org.x/fix") ? Optional.of(skill) : Optional.empty(),
                "usage", a -> new UsageStats((String) a[1], 3, Optional.of(Instant.EPOCH), Optional.of("ada"))));
        SkillAdmin admin = fake(SkillAdmin.class, Map.of("sources", a -> List.of(
                new SkillSourceStatus("first-party", TrustTier.FIRST_PARTY, "dev.trellis.skills:/skills/", SkillService.SHARED,
                        List.of("first-party/a"), List.of()),
                new SkillSourceStatus("project:demo", TrustTier.PROJECT_LOCAL, "/p/skills", PROJECT, List.of(),
                        List.of(new SkillParseError("/p/skills/bad<1>.md", 3, 11, "keywords: expected " + EVIL))))));
        return new SkillsPage(service, admin);
    }

    String get(SkillsPage page, Map<String, String> params) throws Exception {
        StringWriter out = new StringWriter();
        Map<String, java.util.function.Function<Object[], Object>> resp = new HashMap<>();
        resp.put("setHeader", a -> null);
        resp.put("getWriter", a -> new PrintWriter(out));
        page.doGet(fake(HttpServletRequest.class, Map.of("getParameter", a -> params.get((String) a[0]))),
                fake(HttpServletResponse.class, resp));
        return out.toString();
    }

    @Test
    void theOverviewShowsSourcesProblemsWithTheirLocationAndSkills() throws Exception {
        String html = get(page(), Map.of());
        assertThat(html).contains("<tr data-source=\"first-party\"><td class=\"id\">first-party</td><td class=\"tier\">"
                + "first-party</td>");
        assertThat(html).contains("<td class=\"file\">/p/skills/bad&lt;1&gt;.md</td><td class=\"line\">3</td>"
                + "<td class=\"column\">11</td>");
        assertThat(html).contains("<tr data-handle=\"plugin/org.x/fix\"><td class=\"name\"><a href=\"trellis-skills?handle="
                + "plugin%2Forg.x%2Ffix\">fix</a>");
        assertThat(html).contains("<td class=\"uses\">3</td>");
        assertThat(html).doesNotContain("<script>").doesNotContain("${");
        assertThat(calls).singleElement().satisfies(a -> assertThat(a[0]).isEqualTo(SkillService.SHARED));
    }

    @Test
    void searchAndViewUseTheChosenScope() throws Exception {
        String found = get(page(), Map.of("q", "login", "scope", "local:demo"));
        assertThat(found).contains("id=\"skill-search-results\"").contains("<option value=\"local:demo\" selected>");
        assertThat(found).contains("?handle=plugin%2Forg.x%2Ffix&amp;scope=local%3Ademo");
        assertThat(calls.getFirst()).containsExactly(PROJECT, "login", SkillsPage.SEARCH_LIMIT);

        String view = get(page(), Map.of("handle", "plugin/org.x/fix"));
        assertThat(view).contains("<table id=\"skill-metadata\"", "<tr class=\"source\"><th>Source</th><td>plugin org.x</td>",
                "<tr class=\"hooks\"><th>Hooks (JSON)</th><td>{&#34;on_load&#34;:[1]}</td>",
                "<tr class=\"extra\"><th>license</th><td>&#34;MIT&#34;</td>", "<table id=\"skill-usage\" class=\"nicetable\""
                        + " data-count=\"3\">", "<td>ada</td>", "<pre id=\"skill-body\"");
        assertThat(view).doesNotContain("<script>");
        assertThat(get(page(), Map.of("handle", "nope"))).contains("No skill &#39;nope&#39; is visible from global:_skills.");
        assertThat(get(page(), Map.of("scope", "bogus"))).contains("id=\"skills-error\"")
                .contains("scope &#39;bogus&#39; must be &#39;local:&lt;project&gt;&#39; or &#39;global:&lt;persona&gt;&#39;");
    }

    @Test
    void withoutTheSkillServiceThePageSaysSo() throws Exception {
        assertThat(get(new SkillsPage(null, null), Map.of())).contains("id=\"skills-unavailable\"");
    }

    @Test
    void aFileWithoutLineShowsEmptyCellsAndNoProblemsIsSaid() {
        String html = SkillsHtml.problems(List.of(new SkillSourceStatus("plugin:x", TrustTier.PLUGIN_INSTALLED, "x:/s",
                SkillService.SHARED, List.of(), List.of(new SkillParseError("x:/missing", 0, 0, "folder missing")))));
        assertThat(html).contains("<td class=\"line\"></td><td class=\"column\"></td>");
        assertThat(SkillsHtml.problems(List.of())).contains("id=\"skill-problems-none\"");
    }
}
