package dev.trellis.console.internal.skills;

import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillAdmin;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillService;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.UsageStats;
import dev.trellis.api.store.StoreException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The "Trellis skills" Web Console page at {@code /system/console/trellis-skills}: the skill sources with
 * their trust tiers, the files that failed to parse (with file, line and column), the skills as seen from
 * a scope with their use counts, a search box, and one skill's metadata, usage and instructions
 * ({@code ?handle=...}). Read-only: there are no forms that write, so no CSRF token is needed; viewing a
 * skill does not count as loading it.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + SkillsHtml.LABEL,
        "felix.webconsole.title=Trellis skills",
        "felix.webconsole.category=Trellis"})
public final class SkillsPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int SEARCH_LIMIT = 50;

    // optional + dynamic: the page stays and says what is missing while the skills bundle is away
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SkillService skills;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SkillAdmin admin;

    public SkillsPage() {
    }

    /** For tests. */
    SkillsPage(SkillService skills, SkillAdmin admin) {
        this.skills = skills;
        this.admin = admin;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        PrintWriter w = resp.getWriter();
        SkillService s = skills;
        SkillAdmin a = admin;
        if (s == null || a == null) {
            w.print(SkillsHtml.message("skills-unavailable", true, "The skill service is not available: is the"
                    + " dev.trellis.skills bundle (and memory and its store) active?"));
            return;
        }
        try {
            List<SkillSourceStatus> sources = a.sources();
            Scope scope = SkillsHtml.blankToEmpty(req.getParameter("scope")).map(Scope::parse).orElse(SkillService.SHARED);
            Optional<String> query = SkillsHtml.blankToEmpty(req.getParameter("q"));
            Optional<String> handle = SkillsHtml.blankToEmpty(req.getParameter("handle"));
            w.print(SkillsHtml.searchForm(query.orElse(""), scope, scopes(sources, scope)));
            if (handle.isPresent()) {
                view(s, scope, handle.get(), w);
            } else if (query.isPresent()) {
                w.print(SkillsHtml.nav(scope));
                List<SkillInfo> found = s.search(scope, query.get(), SEARCH_LIMIT);
                w.print(SkillsHtml.skills("skill-search-results", "Search: " + query.get(), scope, found, usage(s, scope, found)));
            } else {
                w.print(SkillsHtml.sources(sources));
                w.print("<p>&nbsp;</p>");
                w.print(SkillsHtml.problems(sources));
                w.print("<p>&nbsp;</p>");
                List<SkillInfo> all = s.list(scope);
                w.print(SkillsHtml.skills("skills", "Skills seen from " + scope.key() + " (" + all.size() + ")", scope, all,
                        usage(s, scope, all)));
            }
        } catch (SkillException | MemoryException | StoreException | IllegalArgumentException e) {
            w.print(SkillsHtml.message("skills-error", true, e.getMessage()));
            w.print(SkillsHtml.nav(SkillService.SHARED));
        }
    }

    private static void view(SkillService s, Scope scope, String handle, PrintWriter w) {
        w.print(SkillsHtml.nav(scope));
        Optional<Skill> skill = s.get(scope, handle);
        if (skill.isEmpty()) {
            w.print(SkillsHtml.message("skills-error", true, "No skill '" + handle + "' is visible from " + scope.key() + "."));
            return;
        }
        w.print(SkillsHtml.skill(skill.get(), scope, s.usage(scope, handle)));
    }

    private static Map<String, UsageStats> usage(SkillService s, Scope scope, List<SkillInfo> shown) {
        Map<String, UsageStats> out = new LinkedHashMap<>();
        for (SkillInfo i : shown) {
            out.put(i.handle(), s.usage(scope, i.handle()));
        }
        return out;
    }

    /** The scopes to look from: the shared one, every source's, and the one asked for. */
    private static List<Scope> scopes(List<SkillSourceStatus> sources, Scope asked) {
        Set<Scope> out = new LinkedHashSet<>();
        out.add(SkillService.SHARED);
        sources.forEach(x -> out.add(x.scope()));
        out.add(asked);
        return new ArrayList<>(out);
    }
}
