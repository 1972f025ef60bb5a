package dev.trellis.console.internal.page;

import dev.trellis.console.internal.html.Html;
import dev.trellis.console.internal.log.Problem;
import dev.trellis.console.internal.log.RecentProblems;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The "Trellis" Web Console page at {@code /system/console/trellis}: every {@code dev.trellis.*} bundle with its
 * state, version and the Trellis services it provides and uses, read live from the framework, plus recent
 * warnings and errors. {@code /system/console/trellis.json} returns the same data as JSON.
 *
 * <p>The Web Console wraps a plain servlet: for HTML requests it writes the console frame around our output;
 * for other extensions (our {@code .json}) it passes the request through untouched.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + TrellisPage.LABEL,
        "felix.webconsole.title=Trellis",
        "felix.webconsole.category=Trellis"})
public final class TrellisPage extends HttpServlet {

    static final String LABEL = "trellis";
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final transient BundleContext context;
    private final transient RecentProblems problems;

    @Activate
    public TrellisPage(BundleContext context, @Reference RecentProblems problems) {
        this.context = context;
        this.problems = problems;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<BundleRow> rows = BundleModel.rows(context.getBundles());
        List<Problem> recent = problems.newestFirst();
        if (req.getRequestURI().endsWith(".json")) {
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getWriter().write(Json.page(rows, recent));
            return;
        }
        html(rows, recent, resp.getWriter());
    }

    static void html(List<BundleRow> rows, List<Problem> recent, PrintWriter w) {
        long active = rows.stream().filter(r -> r.state().equals("Active")).count();
        w.println("<p class=\"statline\">" + rows.size() + " Trellis bundles, " + active + " active.</p>");
        w.println("<div class=\"ui-widget-header ui-corner-top buttonGroup\"><span style=\"float: left; margin-left: 1em\">Trellis bundles</span>&nbsp;</div>");
        w.println("<table id=\"trellis-bundles\" class=\"nicetable\">");
        w.println("<thead><tr><th>Bundle</th><th>State</th><th>Version</th>"
                + "<th>Provides</th><th>Uses</th></tr></thead><tbody>");
        for (BundleRow r : rows) {
            w.println("<tr data-bsn=\"" + attr(r.bsn()) + "\">"
                    + "<td class=\"bsn\">" + text(r.bsn()) + "</td>"
                    + "<td class=\"state\">" + text(r.state()) + "</td>"
                    + "<td class=\"version\">" + text(r.version()) + "</td>"
                    + "<td class=\"provides\">" + list(r.provides()) + "</td>"
                    + "<td class=\"uses\">" + list(r.uses()) + "</td></tr>");
        }
        if (rows.isEmpty()) {
            w.println("<tr><td colspan=\"5\">No dev.trellis.* bundles are installed.</td></tr>");
        }
        w.println("</tbody></table>");

        w.println("<p>&nbsp;</p>");
        w.println("<div id=\"trellis-problems-title\" class=\"ui-widget-header ui-corner-top buttonGroup\">"
                + "<span style=\"float: left; margin-left: 1em\">Recent problems</span>&nbsp;</div>");
        if (recent.isEmpty()) {
            w.println("<p id=\"trellis-problems-none\" class=\"ui-widget-content\">"
                    + "No warnings or errors logged since start.</p>");
            return;
        }
        w.println("<table id=\"trellis-problems\" class=\"nicetable\"><thead><tr><th>Time</th><th>Level</th>"
                + "<th>Bundle</th><th>Message</th></tr></thead><tbody>");
        for (Problem p : recent) {
            w.println("<tr class=\"" + attr(p.level().toLowerCase(java.util.Locale.ROOT)) + "\">"
                    + "<td class=\"time\">" + text(TIME.format(p.time())) + "</td>"
                    + "<td class=\"level\">" + text(p.level()) + "</td>"
                    + "<td class=\"bundle\">" + text(p.bundle()) + "</td>"
                    + "<td class=\"message\">" + text(p.message())
                    + (p.exception() == null ? "" : "<br><code>" + text(p.exception()) + "</code>")
                    + (p.cause() == null ? "" : "<br>caused by <code>" + text(p.cause()) + "</code>")
                    + "</td></tr>");
        }
        w.println("</tbody></table>");
    }

    static String text(String s) {
        return Html.text(s);
    }

    static String attr(String s) {
        return Html.attr(s);
    }

    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<ul>");
        for (String s : items) {
            sb.append("<li>").append(text(s)).append("</li>");
        }
        return sb.append("</ul>").toString();
    }
}
