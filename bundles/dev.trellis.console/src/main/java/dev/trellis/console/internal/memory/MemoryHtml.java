package dev.trellis.console.internal.memory;

import static dev.trellis.console.internal.html.Html.attr;
import static dev.trellis.console.internal.html.Html.text;
import static dev.trellis.console.internal.html.Html.uri;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.admin.SubscriptionInfo;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.console.internal.html.CsrfGuard;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HTML of the {@code trellis-memory} page, one method per section. Every value that comes from memory or
 * from the request goes through {@code Html.text}/{@code attr}/{@code uri}; element ids and {@code data-*}
 * attributes are stable for tests and scripts.
 */
final class MemoryHtml {

    static final String LABEL = "trellis-memory";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int PREVIEW = 120;

    private MemoryHtml() {
    }

    static String header(String title) {
        return "<div class=\"ui-widget-header ui-corner-top buttonGroup\"><span style=\"float: left; margin-left: 1em\">"
                + text(title) + "</span>&nbsp;</div>\n";
    }

    static String flash(Flash flash) {
        return "<p id=\"memory-flash\" class=\"ui-widget-content " + (flash.error() ? "ui-state-error" : "ui-state-highlight")
                + "\" data-error=\"" + flash.error() + "\" style=\"padding: 0.5em\">" + text(flash.message()) + "</p>\n";
    }

    static String unavailable(String what) {
        return "<p id=\"memory-unavailable\" class=\"ui-widget-content ui-state-error\" style=\"padding: 0.5em\">"
                + text(what) + "</p>\n";
    }

    static String nav() {
        return "<p class=\"statline\"><a id=\"memory-all\" href=\"" + LABEL + "\">All blocks</a></p>\n";
    }

    // ---- search --------------------------------------------------------------------------------------------

    static String searchForm(String query, String type, String scope) {
        StringBuilder sb = new StringBuilder();
        sb.append("<form id=\"memory-search\" method=\"get\" action=\"").append(LABEL).append("\" style=\"margin: 0.5em 0\">")
                .append("<input type=\"search\" name=\"q\" size=\"50\" placeholder=\"Search blocks and archival (full-text)\" value=\"")
                .append(attr(query)).append("\"> <input name=\"in\" size=\"20\" placeholder=\"scope (optional)\" value=\"")
                .append(attr(scope)).append("\"> <select name=\"type\">");
        for (String t : new String[] {"all", "block", "archival"}) {
            sb.append("<option value=\"").append(t).append('"').append(t.equals(type) ? " selected" : "").append('>')
                    .append(t).append("</option>");
        }
        return sb.append("</select> <button type=\"submit\">Search</button></form>\n").toString();
    }

    static String searchResults(String query, List<SearchHit> hits) {
        StringBuilder sb = new StringBuilder(header("Search: " + query));
        sb.append("<table id=\"memory-search-results\" class=\"nicetable\"><thead><tr><th>Kind</th><th>Scope</th>")
                .append("<th>Ref</th><th>Score</th><th>Snippet</th></tr></thead><tbody>\n");
        for (SearchHit h : hits) {
            sb.append("<tr data-kind=\"").append(attr(h.kind().name().toLowerCase(Locale.ROOT))).append("\" data-ref=\"")
                    .append(attr(h.ref())).append("\"><td class=\"kind\">").append(text(h.kind().name().toLowerCase(Locale.ROOT)))
                    .append("</td><td class=\"scope\">").append(text(h.scope().key())).append("</td><td class=\"ref\">")
                    .append(hitLink(h)).append("</td><td class=\"score\">").append(String.format(Locale.ROOT, "%.3f", h.score()))
                    .append("</td><td class=\"snippet\">").append(text(h.snippet())).append("</td></tr>\n");
        }
        if (hits.isEmpty()) {
            sb.append("<tr><td colspan=\"5\">No matches.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    private static String hitLink(SearchHit h) {
        return switch (h.kind()) {
            case BLOCK, SKILL -> blockLink(h.scope().key(), h.ref(), h.ref());
            case ARCHIVAL -> "<a href=\"" + LABEL + "?archival=" + uri(h.ref()) + "\">archival " + text(h.ref()) + "</a>";
            case MESSAGE, TASK -> text(h.ref());
        };
    }

    private static String blockLink(String scope, String label, String shown) {
        return "<a href=\"" + LABEL + "?scope=" + uri(scope) + "&amp;label=" + uri(label) + "\">" + text(shown) + "</a>";
    }

    /** Which content types the search box's {@code type} choice covers. */
    static java.util.Set<ContentType> types(String type) {
        return switch (type) {
            case "block" -> java.util.EnumSet.of(ContentType.BLOCK);
            case "archival" -> java.util.EnumSet.of(ContentType.ARCHIVAL);
            default -> java.util.EnumSet.allOf(ContentType.class);
        };
    }

    // ---- overview ------------------------------------------------------------------------------------------

    /** The blocks, at most {@code max} rows (the statline says when more exist). */
    static String blocksTable(List<BlockMetadata> all, int max) {
        long scopes = all.stream().map(b -> b.address().scope().key()).distinct().count();
        StringBuilder sb = new StringBuilder("<p class=\"statline\">").append(all.size()).append(" blocks in ")
                .append(scopes).append(scopes == 1 ? " scope" : " scopes");
        if (all.size() > max) {
            sb.append("; showing the first ").append(max).append(" (name a scope or search to narrow)");
        }
        sb.append(".</p>\n");
        List<BlockMetadata> blocks = all.size() > max ? all.subList(0, max) : all;
        sb.append(header("Blocks"));
        sb.append("<table id=\"memory-blocks\" class=\"nicetable\"><thead><tr><th>Scope</th><th>Label</th><th>Schema</th>")
                .append("<th>Tier</th><th>Permission</th><th>Description</th><th>Updated</th><th>Last author</th></tr></thead><tbody>\n");
        for (BlockMetadata m : blocks) {
            BlockAddress a = m.address();
            sb.append("<tr data-address=\"").append(attr(a.toString())).append("\"><td class=\"scope\">")
                    .append(text(a.scope().key())).append("</td><td class=\"label\">")
                    .append(blockLink(a.scope().key(), a.label(), a.label())).append("</td><td class=\"schema\">")
                    .append(text(m.schema().id())).append("</td><td class=\"tier\">").append(text(m.tier().id()))
                    .append(m.pinned() ? " (pinned)" : "").append("</td><td class=\"permission\">")
                    .append(text(m.permission().id())).append("</td><td class=\"description\">")
                    .append(text(preview(m.description()))).append("</td><td class=\"updated\">").append(time(m.updatedAt()))
                    .append("</td><td class=\"author\">").append(text(m.lastAuthor().render())).append("</td></tr>\n");
        }
        if (blocks.isEmpty()) {
            sb.append("<tr><td colspan=\"8\">No blocks yet. Create one below.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String createForm(String token) {
        StringBuilder sb = new StringBuilder(header("Create block"));
        sb.append("<form id=\"block-create\" method=\"post\" action=\"").append(LABEL).append("\" class=\"ui-widget-content\" style=\"padding: 0.5em\">")
                .append(hidden("action", "create")).append(hidden(CsrfGuard.PARAM, token))
                .append("<label>Scope <input name=\"scope\" required placeholder=\"local:project or global:persona\"></label> ")
                .append("<label>Label <input name=\"label\" required placeholder=\"notes\"></label> ")
                .append("<label>Schema <select name=\"schema\">");
        for (Schema s : Schema.values()) {
            sb.append("<option value=\"").append(attr(s.id())).append("\">").append(text(s.id())).append("</option>");
        }
        sb.append("</select></label> <label>Tier <select name=\"tier\">");
        for (Tier t : new Tier[] {Tier.WORKING, Tier.CORE}) {
            sb.append("<option value=\"").append(attr(t.id())).append("\">").append(text(t.id())).append("</option>");
        }
        return sb.append("</select></label><br>")
                .append("<label>Description <input name=\"description\" size=\"60\"></label><br>")
                .append("<label>Content<br><textarea name=\"content\" rows=\"4\" cols=\"80\"></textarea></label><br>")
                .append("<button type=\"submit\">Create</button> <small>Map blocks take a JSON object, list and log blocks a JSON"
                        + " array.</small></form>\n")
                .toString();
    }

    static String archivalSection(String token) {
        return header("Archival") + "<form id=\"archival-lookup\" method=\"get\" action=\"" + LABEL
                + "\" class=\"ui-widget-content\" style=\"padding: 0.5em\"><label>Entry id <input name=\"archival\" size=\"10\""
                + " inputmode=\"numeric\"></label> <button type=\"submit\">Open</button> <small>Find entries with the search box"
                + " (type archival); admin delete is on the entry's page.</small></form>\n"
                + "<form id=\"archival-insert\" method=\"post\" action=\"" + LABEL + "\" class=\"ui-widget-content\""
                + " style=\"padding: 0.5em\">" + hidden("action", "insert-archival") + hidden(CsrfGuard.PARAM, token)
                + "<label>Scope <input name=\"scope\" required placeholder=\"local:project or global:persona\"></label> "
                + "<label>Metadata <input name=\"metadata\" size=\"40\" placeholder=\"optional JSON object\"></label><br>"
                + "<label>Content<br><textarea name=\"content\" rows=\"3\" cols=\"80\" required></textarea></label><br>"
                + "<button type=\"submit\">Add archival entry</button> <small>Entries are immutable; only an admin can delete"
                + " them.</small></form>\n";
    }

    /** Live subscriptions, or why they cannot be shown. */
    static String subscriptions(Optional<List<SubscriptionInfo>> subscriptions) {
        StringBuilder sb = new StringBuilder(header("Memory-sync subscriptions"));
        if (subscriptions.isEmpty()) {
            return sb.append("<p id=\"memory-subscriptions-unavailable\" class=\"ui-widget-content\" style=\"padding: 0.5em\">")
                    .append("The memory bundle does not offer a MemoryAdmin service, so open subscriptions cannot be listed.")
                    .append("</p>\n").toString();
        }
        sb.append("<table id=\"memory-subscriptions\" class=\"nicetable\"><thead><tr><th>Id</th><th>Subscriber</th>")
                .append("<th>Filter</th><th>Queued (lag)</th><th>Queue capacity</th><th>Resyncs</th></tr></thead><tbody>\n");
        for (SubscriptionInfo s : subscriptions.get()) {
            sb.append("<tr data-id=\"").append(s.id()).append("\"><td class=\"id\">").append(s.id())
                    .append("</td><td class=\"subscriber\">").append(text(s.subscriber().value()))
                    .append("</td><td class=\"filter\">").append(text(filter(s.filter())))
                    .append("</td><td class=\"queued\">").append(s.queued())
                    .append("</td><td class=\"capacity\">").append(s.queueCapacity())
                    .append("</td><td class=\"resyncs\">").append(s.resyncs()).append("</td></tr>\n");
        }
        if (subscriptions.get().isEmpty()) {
            sb.append("<tr><td colspan=\"6\">No open subscriptions.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String filter(SyncFilter filter) {
        return switch (filter) {
            case SyncFilter.ByPattern p -> {
                String s = p.scope().map(x -> "scope " + x.key()).orElse("any scope")
                        + (p.labelPrefix().isEmpty() ? "" : ", label " + p.labelPrefix() + "*")
                        + p.schema().map(x -> ", schema " + x.id()).orElse("");
                yield s;
            }
            case SyncFilter.Addresses a -> a.addresses().stream().map(BlockAddress::toString)
                    .collect(Collectors.joining(", ", "blocks ", ""));
        };
    }

    // ---- one block -----------------------------------------------------------------------------------------

    static String blockView(Block block, HistoryDepth depth, List<HistoryEntry> history, Optional<Draft> draft,
            String token) {
        BlockMetadata m = block.metadata();
        BlockAddress a = block.address();
        StringBuilder sb = new StringBuilder(header("Block " + a));
        sb.append("<table id=\"block-metadata\" class=\"nicetable\" data-address=\"").append(attr(a.toString()))
                .append("\" data-revision=\"").append(block.revision()).append("\"><tbody>\n");
        row(sb, "revision", "Revision", Long.toString(block.revision()));
        row(sb, "schema", "Schema", m.schema().id());
        row(sb, "tier", "Tier", m.tier().id() + (m.pinned() ? " (pinned)" : ""));
        row(sb, "permission", "Permission", m.permission().id() + " (" + m.permission().displayText() + ")");
        row(sb, "description", "Description", m.description());
        row(sb, "chars", "Characters", block.content().length() + " of " + m.charLimit());
        row(sb, "created", "Created", TIME.format(m.createdAt()));
        row(sb, "updated", "Updated", TIME.format(m.updatedAt()) + " by " + m.lastAuthor().render());
        row(sb, "hash", "Content SHA-256", block.contentHash());
        sb.append("</tbody></table>\n");

        sb.append(header("Content"));
        sb.append("<pre id=\"block-content\" class=\"ui-widget-content\" style=\"padding: 0.5em; white-space: pre-wrap\">")
                .append(text(rendered(m.schema(), block.content()))).append("</pre>\n");

        sb.append(header("Edit"));
        draft.ifPresent(d -> sb.append("<p id=\"edit-conflict\" class=\"ui-widget-content ui-state-error\" style=\"padding: 0.5em\">")
                .append(text("Not saved: block " + a + " changed to revision " + d.currentRevision()
                        + " after you loaded revision " + d.loadedRevision() + ". Its current content is shown above"
                        + " (and in the history); your text is kept in the form below. Saving again replaces revision "
                        + d.currentRevision() + " with your text."))
                .append("</p>\n"));
        String formText = draft.map(Draft::text).orElse(block.content());
        long formRevision = draft.map(Draft::currentRevision).orElse(block.revision());
        sb.append("<form id=\"block-edit\" method=\"post\" action=\"").append(LABEL).append("\" class=\"ui-widget-content\" style=\"padding: 0.5em\">")
                .append(hidden("action", "edit")).append(hidden(CsrfGuard.PARAM, token))
                .append(hidden("scope", a.scope().key())).append(hidden("label", a.label()))
                .append(hidden("revision", Long.toString(formRevision)))
                .append("<textarea name=\"content\" rows=\"").append(Math.min(30, Math.max(6, lines(formText) + 2)))
                .append("\" cols=\"100\">\n").append(text(formText)).append("</textarea><br>")
                .append("<button type=\"submit\" id=\"block-save\">Save (replaces the content)</button> <small>Saved only if the"
                        + " block is still at revision ").append(formRevision).append(".</small></form>\n");

        sb.append("<div id=\"block-undo-redo\" style=\"margin: 0.5em 0\">")
                .append(actionButton("undo", a, token, "Undo (" + depth.undo() + ")", depth.undo() == 0))
                .append(' ')
                .append(actionButton("redo", a, token, "Redo (" + depth.redo() + ")", depth.redo() == 0))
                .append("</div>\n");

        sb.append(header("History (newest first)"));
        sb.append("<table id=\"block-history\" class=\"nicetable\"><thead><tr><th>Revision</th><th>Op</th><th>Author</th>")
                .append("<th>Time</th><th>Content after the op</th></tr></thead><tbody>\n");
        for (HistoryEntry h : history) {
            sb.append("<tr data-revision=\"").append(h.revision()).append("\"><td class=\"revision\">").append(h.revision())
                    .append("</td><td class=\"op\">").append(text(h.opKind())).append("</td><td class=\"author\">")
                    .append(text(h.author().render())).append("</td><td class=\"time\">").append(time(h.at()))
                    .append("</td><td class=\"content\"><details><summary>").append(text(preview(h.content())))
                    .append("</summary><pre style=\"white-space: pre-wrap\">").append(text(rendered(m.schema(), h.content())))
                    .append("</pre></details></td></tr>\n");
        }
        if (history.isEmpty()) {
            sb.append("<tr><td colspan=\"5\">No history kept.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    private static String actionButton(String action, BlockAddress a, String token, String label, boolean disabled) {
        return "<form method=\"post\" action=\"" + LABEL + "\" style=\"display: inline\">" + hidden("action", action)
                + hidden(CsrfGuard.PARAM, token) + hidden("scope", a.scope().key()) + hidden("label", a.label())
                + "<button type=\"submit\" id=\"block-" + action + "\"" + (disabled ? " disabled" : "") + ">" + text(label)
                + "</button></form>";
    }

    // ---- archival ------------------------------------------------------------------------------------------

    static String archivalEntry(ArchivalEntry e, String token) {
        StringBuilder sb = new StringBuilder(header("Archival entry " + e.id()));
        sb.append("<table id=\"archival-entry\" class=\"nicetable\" data-id=\"").append(e.id()).append("\"><tbody>\n");
        row(sb, "scope", "Scope", e.scope().key());
        row(sb, "created", "Created", TIME.format(e.createdAt()));
        row(sb, "metadata", "Metadata", e.metadataJson().orElse(""));
        sb.append("</tbody></table>\n<pre id=\"archival-content\" class=\"ui-widget-content\" style=\"padding: 0.5em;"
                + " white-space: pre-wrap\">").append(text(e.content())).append("</pre>\n");
        sb.append("<form id=\"archival-delete\" method=\"post\" action=\"").append(LABEL).append("\"")
                .append(" onsubmit=\"return confirm('Delete archival entry ").append(e.id()).append(" for good?')\">")
                .append(hidden("action", "delete-archival")).append(hidden(CsrfGuard.PARAM, token))
                .append(hidden("id", Long.toString(e.id())))
                .append("<button type=\"submit\">Delete entry (admin)</button> <small>Archival memory is immutable to agents;"
                        + " deleting it here cannot be undone.</small></form>\n");
        return sb.toString();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Content as a person reads it: JSON schemas indented, text as it is. */
    static String rendered(Schema schema, String content) {
        return switch (schema) {
            case MAP, LIST, LOG, TASK_LIST -> JsonPretty.indent(content);
            case TEXT, SKILL -> content;
        };
    }

    private static void row(StringBuilder sb, String cls, String name, String value) {
        sb.append("<tr class=\"").append(cls).append("\"><th>").append(text(name)).append("</th><td>").append(text(value))
                .append("</td></tr>\n");
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + attr(name) + "\" value=\"" + attr(value) + "\">";
    }

    private static String time(Instant t) {
        return text(TIME.format(t));
    }

    static String preview(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= PREVIEW ? one : one.substring(0, PREVIEW - 1) + "…";
    }

    private static int lines(String s) {
        return (int) s.chars().filter(c -> c == '\n').count() + 1;
    }
}
