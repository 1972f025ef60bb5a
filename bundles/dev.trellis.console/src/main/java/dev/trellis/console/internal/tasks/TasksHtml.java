package dev.trellis.console.internal.tasks;

import static dev.trellis.console.internal.html.Html.attr;
import static dev.trellis.console.internal.html.Html.text;
import static dev.trellis.console.internal.html.Html.uri;

import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskListSettings;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import dev.trellis.console.internal.html.CsrfGuard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The HTML of the {@code trellis-tasks} page, one method per section; every value from tasks, memory or the
 * request is escaped ({@code Html}). Element ids and {@code data-*} attributes are stable for tests.
 */
final class TasksHtml {

    static final String LABEL = "trellis-tasks";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private TasksHtml() {
    }

    static String header(String title) {
        return "<div class=\"ui-widget-header ui-corner-top buttonGroup\"><span style=\"float: left; margin-left: 1em\">"
                + text(title) + "</span>&nbsp;</div>\n";
    }

    static String notice(Notice n) {
        return "<p id=\"tasks-notice\" class=\"ui-widget-content " + (n.error() ? "ui-state-error" : "ui-state-highlight")
                + "\" data-error=\"" + n.error() + "\" style=\"padding: 0.5em\">" + text(n.message()) + "</p>\n";
    }

    /** A problem with the page's own request (bad parameter, missing list); POST outcomes are notices. */
    static String problem(String what) {
        return "<p id=\"tasks-problem\" class=\"ui-widget-content ui-state-error\" style=\"padding: 0.5em\">" + text(what)
                + "</p>\n";
    }

    static String unavailable(String what) {
        return "<p id=\"tasks-unavailable\" class=\"ui-widget-content ui-state-error\" style=\"padding: 0.5em\">" + text(what)
                + "</p>\n";
    }

    static String listUrl(Scope scope, String list) {
        return LABEL + "?scope=" + uri(scope.key()) + (list.isEmpty() ? "" : "&amp;list=" + uri(list));
    }

    static String taskUrl(Scope scope, EdgeRef ref) {
        return LABEL + "?scope=" + uri(scope.key()) + "&amp;task=" + uri(ref.toString());
    }

    static String nav(Optional<Scope> scope) {
        return "<p class=\"statline\"><a id=\"tasks-all\" href=\"" + LABEL + "\">All task lists</a>"
                + scope.map(s -> " · <a href=\"" + listUrl(s, "") + "\">tasks of " + text(s.key()) + "</a>").orElse("") + "</p>\n";
    }

    static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + attr(name) + "\" value=\"" + attr(value) + "\">";
    }

    // ---- overview

    static String lists(List<BlockMetadata> lists) {
        StringBuilder sb = new StringBuilder(header("Task lists"));
        sb.append("<table id=\"task-lists\" class=\"nicetable\"><thead><tr><th>Scope</th><th>List</th><th>Description</th>")
                .append("<th>Tier</th><th>Updated</th><th>Last author</th><th></th></tr></thead><tbody>\n");
        for (BlockMetadata m : lists) {
            Scope s = m.address().scope();
            String label = m.address().label();
            sb.append("<tr data-list=\"").append(attr(m.address().toString())).append("\"><td class=\"scope\">")
                    .append(text(s.key())).append("</td><td class=\"label\"><a href=\"").append(listUrl(s, label)).append("\">")
                    .append(text(label)).append("</a></td><td>").append(text(m.description())).append("</td><td>")
                    .append(text(m.tier().id())).append("</td><td>").append(TIME.format(m.updatedAt())).append("</td><td>")
                    .append(text(m.lastAuthor().render())).append("</td><td><a href=\"").append(LABEL).append("?scope=")
                    .append(uri(s.key())).append("&amp;graph=").append(uri(label)).append("\">graph</a></td></tr>\n");
        }
        if (lists.isEmpty()) {
            sb.append("<tr><td colspan=\"7\">No task lists yet. Create one below, or let an agent call task_create.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String createForm(String token, Optional<Scope> scope, String list) {
        return header("Add tasks") + "<form id=\"tasks-create\" method=\"post\" action=\"" + LABEL
                + "\" class=\"ui-widget-content\" style=\"padding: 0.5em\">" + hidden("action", "create")
                + hidden(CsrfGuard.PARAM, token)
                + "<label>Scope <input name=\"scope\" required placeholder=\"local:project or global:persona\" value=\""
                + attr(scope.map(Scope::key).orElse("")) + "\"></label> <label>List <input name=\"list\" required"
                + " placeholder=\"sprint\" value=\"" + attr(list) + "\"></label> <label>Description of a new list <input"
                + " name=\"description\" size=\"40\"></label><br><label>Subjects, one task per line<br><textarea name=\"subjects\""
                + " rows=\"4\" cols=\"80\" required></textarea></label><br><button type=\"submit\">Add tasks</button> <small>The"
                + " list is created if it does not exist; link tasks on their own pages.</small></form>\n";
    }

    // ---- list with filters

    record Filters(Set<TaskStatus> statuses, String owner, String blockers, String keyword) {
    }

    static String filterForm(Scope scope, String list, Filters f) {
        StringBuilder sb = new StringBuilder("<form id=\"tasks-filter\" method=\"get\" action=\"").append(LABEL)
                .append("\" class=\"ui-widget-content\" style=\"padding: 0.5em\">").append(hidden("scope", scope.key()))
                .append("<label>List <input name=\"list\" size=\"16\" placeholder=\"all lists\" value=\"").append(attr(list))
                .append("\"></label> Status");
        for (TaskStatus s : TaskStatus.values()) {
            sb.append(" <label><input type=\"checkbox\" name=\"status\" value=\"").append(s.id()).append('"')
                    .append(f.statuses().contains(s) ? " checked" : "").append(">").append(s.id()).append("</label>");
        }
        sb.append(" <label>Owner <input name=\"owner\" size=\"10\" value=\"").append(attr(f.owner())).append("\"></label>")
                .append(" <label>Blocked <select name=\"blockers\">");
        for (String[] o : new String[][] {{"any", "any"}, {"yes", "has blockers"}, {"no", "no blockers"}}) {
            sb.append("<option value=\"").append(o[0]).append('"').append(o[0].equals(f.blockers()) ? " selected" : "")
                    .append('>').append(o[1]).append("</option>");
        }
        return sb.append("</select></label> <label>Keyword <input type=\"search\" name=\"q\" size=\"20\" value=\"")
                .append(attr(f.keyword())).append("\"></label> <button type=\"submit\">Filter</button></form>\n").toString();
    }

    static String tasks(Scope scope, String title, List<TaskView> views) {
        StringBuilder sb = new StringBuilder(header(title));
        sb.append("<p class=\"statline\">").append(views.size()).append(views.size() == 1 ? " task" : " tasks").append(".</p>\n")
                .append("<table id=\"tasks-table\" class=\"nicetable\"><thead><tr><th>Task</th><th>Subject</th><th>Status</th>")
                .append("<th>Owner</th><th>Blocked by</th><th>Blocks</th></tr></thead><tbody>\n");
        for (TaskView v : views) {
            sb.append("<tr data-ref=\"").append(attr(v.ref().toString())).append("\" data-status=\"").append(v.status().id())
                    .append("\"><td class=\"ref\"><a href=\"").append(taskUrl(scope, v.ref())).append("\">")
                    .append(text(v.ref().toString())).append("</a></td><td class=\"subject\">").append(text(v.subject()))
                    .append("</td><td class=\"status\">").append(v.status().id()).append("</td><td class=\"owner\">")
                    .append(text(v.owner().orElse(""))).append("</td><td class=\"blockers\">").append(v.blockerCount())
                    .append("</td><td class=\"blocks\">").append(v.blocksCount()).append("</td></tr>\n");
        }
        if (views.isEmpty()) {
            sb.append("<tr><td colspan=\"6\">No tasks match.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String settings(String list, TaskListSettings s) {
        return "<p id=\"task-list-settings\" class=\"statline\">List " + text(list) + ": default status "
                + s.defaultStatus().id() + s.defaultOwner().map(o -> ", default owner " + text(o)).orElse("")
                + ", display limit " + s.displayLimit() + ".</p>\n";
    }

    // ---- one task

    static String task(Scope scope, EdgeRef ref, TaskItem item, List<EdgeRef> blockedBy, String token) {
        StringBuilder sb = new StringBuilder(header("Task " + ref));
        sb.append("<table id=\"task-detail\" class=\"nicetable\" data-ref=\"").append(attr(ref.toString()))
                .append("\" data-status=\"").append(item.status().id()).append("\"><tbody>\n");
        row(sb, "subject", "Subject", text(item.subject()));
        row(sb, "status", "Status", item.status().id());
        row(sb, "owner", "Owner", text(item.owner().orElse("(none)")));
        row(sb, "active-form", "Active form", text(item.activeForm().orElse("")));
        row(sb, "description", "Description", "<pre style=\"white-space: pre-wrap\">" + text(item.description()) + "</pre>");
        row(sb, "blocks", "Blocks", refs(scope, item.blocks()));
        row(sb, "blocked-by", "Blocked by", refs(scope, blockedBy));
        row(sb, "metadata", "Metadata", "<code>" + text(item.metadataJson()) + "</code>");
        row(sb, "times", "Times", "created " + TIME.format(item.createdAt()) + ", updated " + TIME.format(item.updatedAt())
                + item.completedAt().map(t -> ", completed " + TIME.format(t)).orElse(""));
        sb.append("</tbody></table>\n");
        sb.append(header("Comments")).append("<ul id=\"task-comments\">");
        for (TaskComment c : item.comments()) {
            sb.append("<li><b>").append(text(c.author())).append("</b> ").append(time(c.at())).append(": ")
                    .append(text(c.text())).append("</li>");
        }
        if (item.comments().isEmpty()) {
            sb.append("<li>No comments.</li>");
        }
        sb.append("</ul>\n");
        String common = hidden(CsrfGuard.PARAM, token) + hidden("scope", scope.key()) + hidden("task", ref.toString());
        sb.append(header("Change")).append("<div class=\"ui-widget-content\" style=\"padding: 0.5em\">")
                .append("<form id=\"task-transition\" method=\"post\" action=\"").append(LABEL).append("\">")
                .append(hidden("action", "transition")).append(common).append("<label>Status <select name=\"status\">");
        for (TaskStatus s : TaskStatus.values()) {
            sb.append("<option value=\"").append(s.id()).append('"').append(s == item.status() ? " selected" : "").append('>')
                    .append(s.id()).append("</option>");
        }
        sb.append("</select></label> <button type=\"submit\">Set status</button></form>")
                .append("<form id=\"task-comment\" method=\"post\" action=\"").append(LABEL).append("\">")
                .append(hidden("action", "comment")).append(common)
                .append("<label>Comment <input name=\"text\" size=\"60\" required></label> <button type=\"submit\">Add comment"
                        + "</button></form>")
                .append("<form id=\"task-link\" method=\"post\" action=\"").append(LABEL).append("\">")
                .append(hidden("action", "link")).append(common)
                .append("<label>Blocks <input name=\"target\" size=\"40\" required placeholder=\"list#id or list\"></label>")
                .append(" <button type=\"submit\" name=\"mode\" value=\"link\">Link</button>")
                .append(" <button type=\"submit\" name=\"mode\" value=\"unlink\">Unlink</button></form></div>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String cls, String name, String html) {
        sb.append("<tr class=\"").append(cls).append("\"><th>").append(name).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static String refs(Scope scope, List<EdgeRef> refs) {
        if (refs.isEmpty()) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        for (EdgeRef r : refs) {
            sb.append(sb.isEmpty() ? "" : ", ").append("<a href=\"")
                    .append(r.isItem() ? taskUrl(scope, r) : listUrl(scope, r.block())).append("\">").append(text(r.toString()))
                    .append("</a>");
        }
        return sb.toString();
    }

    // ---- graph

    static String graphForm(Scope scope, EdgeRef root, GraphQuery q) {
        StringBuilder sb = new StringBuilder("<form id=\"graph-form\" method=\"get\" action=\"").append(LABEL)
                .append("\" class=\"ui-widget-content\" style=\"padding: 0.5em\">").append(hidden("scope", scope.key()))
                .append(root.isItem() ? hidden("task", root.toString()) : hidden("graph", root.block()))
                .append("<label>Direction <select name=\"direction\">");
        for (GraphQuery.Direction d : GraphQuery.Direction.values()) {
            String id = d.name().toLowerCase(java.util.Locale.ROOT);
            sb.append("<option value=\"").append(id).append('"').append(d == q.direction() ? " selected" : "").append('>')
                    .append(id).append("</option>");
        }
        return sb.append("</select></label> <label>Depth <input name=\"depth\" size=\"3\" value=\"").append(q.depth())
                .append("\"></label> <label>Max nodes <input name=\"max\" size=\"5\" value=\"").append(q.maxNodes())
                .append("\"></label> <button type=\"submit\">Walk</button></form>\n").toString();
    }

    static String graph(String title, String svg) {
        return header(title) + "<div id=\"task-graph-box\" style=\"overflow: auto; border: 1px solid #ccc\">" + svg + "</div>\n";
    }

    static String time(Instant t) {
        return TIME.format(t);
    }
}
