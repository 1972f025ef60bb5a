package dev.trellis.console.internal.memory;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.api.memory.admin.MemoryAdmin;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreService;
import dev.trellis.console.internal.html.CsrfGuard;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The "Trellis memory" Web Console page at {@code /system/console/trellis-memory}: blocks by scope, one block
 * with its content, edit form (checked against the revision it was loaded at), undo/redo and history, a search
 * box over blocks and archival, archival entries with admin delete, and the open memory-sync subscriptions.
 *
 * <p>Every POST must carry the session's CSRF token (else 403) and answers with a redirect to a GET page
 * (post/redirect/get), so reloading never repeats a write; the outcome travels in the session as a
 * {@link Flash}. An edit refused as stale is kept as a {@link Draft} in the session until that block is
 * saved, so the user's text survives the conflict.
 *
 * <p>Memory is written through this bundle's {@code MemoryService}, which is bundle-scoped: writes are
 * authored {@code plugin dev.trellis.console} (the API has no way to name the console user). Archival
 * entries are read and deleted through the store SPI, the only place that offers find-by-id and delete.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + MemoryHtml.LABEL,
        "felix.webconsole.title=Trellis memory",
        "felix.webconsole.category=Trellis"})
public final class MemoryPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String FLASH = "dev.trellis.console.memory.flash";
    static final String DRAFTS = "dev.trellis.console.memory.drafts";
    private static final int HISTORY_SHOWN = 20;
    private static final int BLOCKS_SHOWN = 500;

    private final transient CsrfGuard csrf = new CsrfGuard();
    private final transient Object draftsLock = new Object();

    // All optional and dynamic: the page stays up and says what is missing while the memory or store bundle
    // is stopped or being updated.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MemoryService memory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StoreService store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MemoryAdmin admin;

    public MemoryPage() {
    }

    /** For tests: a page bound to the given services (any may be null). */
    MemoryPage(MemoryService memory, StoreService store, MemoryAdmin admin) {
        this.memory = memory;
        this.store = store;
        this.admin = admin;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        String token = csrf.token(req);
        HttpSession session = req.getSession(false);
        Optional<Flash> flash = Optional.empty();
        if (session != null && session.getAttribute(FLASH) instanceof Flash f) {
            session.removeAttribute(FLASH);
            flash = Optional.of(f);
        }
        PrintWriter w = resp.getWriter();
        flash.ifPresent(f -> w.print(MemoryHtml.flash(f)));
        MemoryService mem = memory;
        if (mem == null) {
            w.print(MemoryHtml.unavailable("The memory service is not available: is the dev.trellis.memory bundle"
                    + " (and its store) active?"));
            return;
        }
        String q = param(req, "q");
        String type = Optional.ofNullable(req.getParameter("type")).orElse("all");
        String in = param(req, "in").strip();
        w.print(MemoryHtml.searchForm(q, type, in));
        try {
            if (!q.isBlank()) {
                search(mem, q, type, in, w);
            } else if (!param(req, "archival").isBlank()) {
                archival(param(req, "archival"), token, w);
            } else if (!param(req, "scope").isBlank() || !param(req, "label").isBlank()) {
                block(mem, address(req), session, token, w);
            } else {
                overview(mem, in, token, w);
            }
        } catch (MemoryException | StoreException | IllegalArgumentException e) {
            // bad input, a bad full-text query or an unavailable store: say so on the page
            w.print(MemoryHtml.flash(Flash.error(e.getMessage())));
            w.print(MemoryHtml.nav());
        }
    }

    private void search(MemoryService mem, String q, String type, String scope, PrintWriter w) {
        // no scope: every scope that holds blocks (an archival-only scope must be named)
        List<Scope> scopes = scope.isEmpty() ? List.of() : List.of(Scope.parse(scope));
        var hits = mem.search(new SearchQuery(q, MemoryHtml.types(type), scopes, SearchQuery.MAX_LIMIT));
        w.print(MemoryHtml.nav());
        w.print(MemoryHtml.searchResults(q, hits));
    }

    private void archival(String idText, String token, PrintWriter w) {
        w.print(MemoryHtml.nav());
        long id = parseId(idText);
        StoreService s = store;
        if (s == null) {
            w.print(MemoryHtml.unavailable("The store service is not available, so archival entries cannot be opened."));
            return;
        }
        Optional<ArchivalEntry> entry = s.read(tx -> tx.archival().find(id));
        if (entry.isEmpty()) {
            w.print(MemoryHtml.flash(Flash.error("There is no archival entry " + id + ".")));
            return;
        }
        w.print(MemoryHtml.archivalEntry(entry.get(), token));
    }

    private void block(MemoryService mem, BlockAddress address, HttpSession session, String token, PrintWriter w) {
        w.print(MemoryHtml.nav());
        Optional<Block> block = mem.read(address);
        if (block.isEmpty()) {
            w.print(MemoryHtml.flash(Flash.error("Block " + address + " does not exist.")));
            return;
        }
        Optional<Draft> draft = Optional.ofNullable(drafts(session).get(address.toString()));
        w.print(MemoryHtml.blockView(block.get(), mem.historyDepth(address), mem.history(address, HISTORY_SHOWN), draft,
                token));
    }

    private void overview(MemoryService mem, String scope, String token, PrintWriter w) {
        List<BlockMetadata> blocks = mem.list(scope.isEmpty() ? ListFilter.ALL : ListFilter.in(Scope.parse(scope)));
        w.print(MemoryHtml.blocksTable(blocks, BLOCKS_SHOWN));
        w.print("<p>&nbsp;</p>");
        w.print(MemoryHtml.createForm(token));
        w.print("<p>&nbsp;</p>");
        w.print(MemoryHtml.archivalSection(token));
        w.print("<p>&nbsp;</p>");
        MemoryAdmin a = admin;
        w.print(MemoryHtml.subscriptions(a == null ? Optional.empty() : Optional.of(a.subscriptions())));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!csrf.accepts(req)) {
            resp.setHeader("Cache-Control", "no-store");
            resp.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Missing or wrong CSRF token: reload the Trellis memory page and submit the form again.");
            return;
        }
        HttpSession session = req.getSession(false);
        String back = MemoryHtml.LABEL;
        Flash flash;
        MemoryService mem = memory;
        String action = param(req, "action");
        try {
            if (mem == null && !action.equals("delete-archival")) {
                throw new IllegalStateException("the memory service is not available; nothing was changed");
            }
            switch (action) {
                case "create" -> {
                    BlockAddress a = address(req);
                    back = blockUrl(a);
                    WriteResult r = mem.create(new BlockCreate(a, Tier.parse(param(req, "tier")),
                            Schema.parse(param(req, "schema")), param(req, "description"), BlockMetadata.DEFAULT_CHAR_LIMIT,
                            Permission.DEFAULT, false, content(req)));
                    flash = Flash.ok("Created block " + a + " at revision " + r.revision() + ".");
                }
                case "edit" -> {
                    BlockAddress a = address(req);
                    back = blockUrl(a);
                    flash = edit(mem, a, req, session);
                }
                case "undo", "redo" -> {
                    BlockAddress a = address(req);
                    back = blockUrl(a);
                    Optional<WriteResult> r = action.equals("undo") ? mem.undo(a) : mem.redo(a);
                    flash = r.map(x -> Flash.ok((action.equals("undo") ? "Undone" : "Redone") + ": block " + a
                            + " is now at revision " + x.revision() + "."))
                            .orElse(Flash.error("Nothing to " + action + " on block " + a + "."));
                }
                case "insert-archival" -> {
                    String metadata = param(req, "metadata").strip();
                    ArchivalEntry e = mem.insertArchival(Scope.parse(param(req, "scope").strip()), content(req),
                            metadata.isEmpty() ? Optional.empty() : Optional.of(metadata));
                    back = MemoryHtml.LABEL + "?archival=" + e.id();
                    flash = Flash.ok("Added archival entry " + e.id() + " to " + e.scope().key() + ".");
                }
                case "delete-archival" -> flash = deleteArchival(param(req, "id"));
                default -> throw new IllegalArgumentException("unknown action '" + action + "'");
            }
        } catch (MemoryException | StoreException | IllegalArgumentException | IllegalStateException e) {
            flash = Flash.error("Not done: " + e.getMessage());
        }
        req.getSession(true).setAttribute(FLASH, flash);
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", back);
    }

    private Flash edit(MemoryService mem, BlockAddress a, HttpServletRequest req, HttpSession session) {
        String text = content(req);
        long expected = parseRevision(param(req, "revision"));
        try {
            WriteResult r = mem.apply(a, new MemoryOp.Set(text), expected);
            drafts(session).remove(a.toString());
            return Flash.ok("Saved block " + a + ": revision " + r.revision() + ".");
        } catch (MemoryException e) {
            if (e.error() instanceof MemoryError.Conflict c) {
                drafts(session).put(a.toString(), new Draft(a, text, expected, c.currentRevision()));
                return Flash.error("Conflict: block " + a + " is at revision " + c.currentRevision() + ", not "
                        + expected + ". Nothing was saved; your text is kept in the form.");
            }
            throw e;
        }
    }

    private Flash deleteArchival(String idText) {
        long id = parseId(idText);
        StoreService s = store;
        if (s == null) {
            throw new IllegalStateException("the store service is not available; nothing was deleted");
        }
        return s.inTransaction(tx -> tx.archival().delete(id))
                ? Flash.ok("Deleted archival entry " + id + ".")
                : Flash.error("There is no archival entry " + id + "; nothing was deleted.");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Draft> drafts(HttpSession session) {
        if (session == null) {
            return new ConcurrentHashMap<>();
        }
        synchronized (draftsLock) {
            if (session.getAttribute(DRAFTS) instanceof Map<?, ?> m) {
                return (Map<String, Draft>) m;
            }
            Map<String, Draft> m = new ConcurrentHashMap<>();
            session.setAttribute(DRAFTS, m);
            return m;
        }
    }

    static String blockUrl(BlockAddress a) {
        return MemoryHtml.LABEL + "?scope=" + java.net.URLEncoder.encode(a.scope().key(), java.nio.charset.StandardCharsets.UTF_8)
                + "&label=" + java.net.URLEncoder.encode(a.label(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static BlockAddress address(HttpServletRequest req) {
        String scope = param(req, "scope").strip();
        String label = param(req, "label").strip();
        if (scope.isEmpty() || label.isEmpty()) {
            throw new IllegalArgumentException("a block needs both a scope (local:<project> or global:<persona>) and a label");
        }
        return BlockAddress.of(Scope.parse(scope), label);
    }

    private static long parseRevision(String text) {
        try {
            long r = Long.parseLong(text.strip());
            if (r >= 1) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("the form's revision '" + text + "' is not a revision number; reload the block");
    }

    private static long parseId(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("archival entry id '" + text + "' is not a positive number");
    }

    /** The submitted content; browsers send a textarea's line breaks as CRLF, memory keeps LF. */
    private static String content(HttpServletRequest req) {
        return param(req, "content").replace("\r\n", "\n");
    }

    private static String param(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v;
    }
}
