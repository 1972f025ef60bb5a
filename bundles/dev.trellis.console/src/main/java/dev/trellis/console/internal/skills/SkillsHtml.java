package dev.trellis.console.internal.skills;

import static dev.trellis.console.internal.html.Html.attr;
import static dev.trellis.console.internal.html.Html.text;
import static dev.trellis.console.internal.html.Html.uri;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillMetadata;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.SkillSource;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.UsageStats;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTML of the {@code trellis-skills} page, one method per section. Everything that comes from skills,
 * files or the request is escaped ({@code Html.text}/{@code attr}/{@code uri}); ids and {@code data-*}
 * attributes are stable for tests.
 */
final class SkillsHtml {

    static final String LABEL = "trellis-skills";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private SkillsHtml() {
    }

    static String header(String title) {
        return "<div class=\"ui-widget-header ui-corner-top buttonGroup\"><span style=\"float: left; margin-left: 1em\">"
                + text(title) + "</span>&nbsp;</div>\n";
    }

    static String message(String id, boolean error, String message) {
        return "<p id=\"" + id + "\" class=\"ui-widget-content " + (error ? "ui-state-error" : "ui-state-highlight")
                + "\" style=\"padding: 0.5em\">" + text(message) + "</p>\n";
    }

    static String nav(Scope scope) {
        return "<p class=\"statline\"><a id=\"skills-all\" href=\"" + LABEL + scopeQuery("?", scope)
                + "\">All skills and sources</a></p>\n";
    }

    /** {@code ?scope=...} (or {@code &amp;scope=}) unless it is the shared scope, the default. */
    static String scopeQuery(String sep, Scope scope) {
        return scope.equals(dev.trellis.api.skills.SkillService.SHARED) ? "" : sep + "scope=" + uri(scope.key());
    }

    static String searchForm(String query, Scope scope, List<Scope> scopes) {
        StringBuilder sb = new StringBuilder("<form id=\"skill-search\" method=\"get\" action=\"").append(LABEL)
                .append("\" style=\"margin: 0.5em 0\"><input type=\"search\" name=\"q\" size=\"50\"")
                .append(" placeholder=\"Search skills: name, description, keywords, body\" value=\"").append(attr(query))
                .append("\"> <label>as seen from <select name=\"scope\">");
        for (Scope s : scopes) {
            sb.append("<option value=\"").append(attr(s.key())).append('"').append(s.equals(scope) ? " selected" : "")
                    .append('>').append(text(s.key())).append("</option>");
        }
        return sb.append("</select></label> <button type=\"submit\">Search</button></form>\n").toString();
    }

    static String sources(List<SkillSourceStatus> sources) {
        StringBuilder sb = new StringBuilder(header("Sources and trust tiers"));
        sb.append("<table id=\"skill-sources\" class=\"nicetable\"><thead><tr><th>Source</th><th>Trust tier</th>")
                .append("<th>Reads</th><th>Stored in</th><th>Skills</th><th>Problems</th></tr></thead><tbody>\n");
        for (SkillSourceStatus s : sources) {
            sb.append("<tr data-source=\"").append(attr(s.id())).append("\"><td class=\"id\">").append(text(s.id()))
                    .append("</td><td class=\"tier\">").append(text(s.tier().id())).append("</td><td class=\"location\">")
                    .append(text(s.location())).append("</td><td class=\"scope\">").append(text(s.scope().key()))
                    .append("</td><td class=\"count\">").append(s.handles().size()).append("</td><td class=\"problems\">")
                    .append(s.problems().size()).append("</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    /** Files (and stored blocks) that failed to parse, each with its location. */
    static String problems(List<SkillSourceStatus> sources) {
        StringBuilder sb = new StringBuilder(header("Broken skill files"));
        long count = sources.stream().mapToLong(s -> s.problems().size()).sum();
        if (count == 0) {
            return sb.append("<p id=\"skill-problems-none\" class=\"ui-widget-content\" style=\"padding: 0.5em\">")
                    .append("Every skill file parses.</p>\n").toString();
        }
        sb.append("<table id=\"skill-problems\" class=\"nicetable\"><thead><tr><th>Source</th><th>File</th><th>Line</th>")
                .append("<th>Column</th><th>Problem</th></tr></thead><tbody>\n");
        for (SkillSourceStatus s : sources) {
            for (SkillParseError p : s.problems()) {
                sb.append("<tr data-source=\"").append(attr(s.id())).append("\" data-file=\"").append(attr(p.file()))
                        .append("\"><td class=\"source\">").append(text(s.id())).append("</td><td class=\"file\">")
                        .append(text(p.file())).append("</td><td class=\"line\">").append(p.line() == 0 ? "" : p.line())
                        .append("</td><td class=\"column\">").append(p.column() == 0 ? "" : p.column())
                        .append("</td><td class=\"message\">").append(text(p.message())).append("</td></tr>\n");
            }
        }
        return sb.append("</tbody></table>\n<p class=\"statline\">A broken file keeps the last version of its skill that"
                + " parsed; fix the file and the skill follows within a second.</p>\n").toString();
    }

    /**
     * Skills as seen from {@code scope}, with their use counts.
     *
     * @param usage use count of each listed handle
     */
    static String skills(String id, String title, Scope scope, List<SkillInfo> skills, Map<String, UsageStats> usage) {
        StringBuilder sb = new StringBuilder(header(title));
        sb.append("<table id=\"").append(id).append("\" class=\"nicetable\"><thead><tr><th>Name</th><th>Handle</th>")
                .append("<th>Trust tier</th><th>Description</th><th>Keywords</th><th>Loads</th><th>Last used</th>")
                .append("</tr></thead><tbody>\n");
        for (SkillInfo s : skills) {
            UsageStats u = usage.getOrDefault(s.handle(), UsageStats.never(s.handle()));
            sb.append("<tr data-handle=\"").append(attr(s.handle())).append("\"><td class=\"name\"><a href=\"")
                    .append(LABEL).append("?handle=").append(uri(s.handle())).append(scopeQuery("&amp;", scope)).append("\">")
                    .append(text(s.name())).append("</a></td><td class=\"handle\">").append(text(s.handle()))
                    .append("</td><td class=\"tier\">").append(text(s.trustTier().id())).append("</td><td class=\"description\">")
                    .append(text(s.description().orElse(""))).append("</td><td class=\"keywords\">")
                    .append(text(String.join(", ", s.keywords()))).append("</td><td class=\"uses\">").append(u.useCount())
                    .append("</td><td class=\"last-used\">").append(s.lastUsed().map(SkillsHtml::time).orElse(""))
                    .append("</td></tr>\n");
        }
        if (skills.isEmpty()) {
            sb.append("<tr><td colspan=\"7\">No skills.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String skill(Skill skill, Scope scope, UsageStats usage) {
        SkillMetadata m = skill.metadata();
        StringBuilder sb = new StringBuilder(header("Skill " + m.name()));
        sb.append("<table id=\"skill-metadata\" class=\"nicetable\" data-handle=\"").append(attr(skill.handle()))
                .append("\"><tbody>\n");
        row(sb, "name", "Name", m.name());
        row(sb, "handle", "Handle", skill.handle());
        row(sb, "tier", "Trust tier", m.trustTier().id());
        row(sb, "source", "Source", source(skill.source()));
        row(sb, "description", "Description", m.description().orElse(""));
        row(sb, "keywords", "Keywords", String.join(", ", m.keywords()));
        row(sb, "hooks", "Hooks (JSON)", m.hooksJson().orElse(""));
        row(sb, "plugin", "Source plugin", m.sourcePlugin().map(p -> p.value()).orElse(""));
        m.extras().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> row(sb, "extra", e.getKey(), e.getValue()));
        sb.append("</tbody></table>\n").append(header("Usage on this install"));
        sb.append("<table id=\"skill-usage\" class=\"nicetable\" data-count=\"").append(usage.useCount()).append("\"><tbody>\n");
        row(sb, "count", "Loads", Long.toString(usage.useCount()));
        row(sb, "last-used", "Last used", usage.lastUsed().map(SkillsHtml::time).orElse("never"));
        row(sb, "last-used-by", "Last used by", usage.lastUsedBy().orElse(""));
        sb.append("</tbody></table>\n").append(header("Instructions (Markdown)"));
        return sb.append("<pre id=\"skill-body\" class=\"ui-widget-content\" style=\"padding: 0.5em; white-space: pre-wrap\">")
                .append(text(skill.body())).append("</pre>\n<p class=\"statline\">Viewing a skill here does not count as a"
                        + " load. Scope: ").append(text(scope.key())).append("</p>\n").toString();
    }

    static String source(SkillSource source) {
        return switch (source) {
            case SkillSource.FirstParty f -> "first-party (shipped in dev.trellis.skills)";
            case SkillSource.Plugin p -> "plugin " + p.plugin().value();
            case SkillSource.Project p -> "project " + p.project().id() + ", file " + p.path();
            case SkillSource.AdHoc a -> "ad-hoc (created at run time, or edited outside its source)";
        };
    }

    private static void row(StringBuilder sb, String css, String name, String value) {
        sb.append("<tr class=\"").append(attr(css)).append("\"><th>").append(text(name)).append("</th><td>")
                .append(text(value)).append("</td></tr>\n");
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }

    static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
