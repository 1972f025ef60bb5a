package dev.trellis.console.internal.providers;

import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.console.internal.html.CsrfGuard;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The "Trellis providers" Web Console page at {@code /system/console/trellis-providers}: the model gateway's
 * providers (state, in-flight streams, counters, rate-limit budget, last error), the provider services behind
 * them (bundle, version, role: serving, standby or draining), their models, recent errors and the swap
 * history, refreshed every two seconds from {@code trellis-providers.json}; and a "try it" form that streams a
 * prompt to a chosen model.
 *
 * <p>The POST carries the session's CSRF token (else 403). With the page's script it answers with the stream
 * as JSON lines ({@code X-Trellis-Stream: 1}); without, it waits for the answer and redirects to the page,
 * which shows it once (post/redirect/get).
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + ProvidersHtml.LABEL,
        "felix.webconsole.title=Trellis providers",
        "felix.webconsole.category=Trellis"})
public final class ProvidersPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String ANSWER = "dev.trellis.console.providers.answer";
    static final String STREAM_HEADER = "X-Trellis-Stream";
    static final int MAX_PROMPT = 20_000;
    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(120);

    private final transient CsrfGuard csrf = new CsrfGuard();

    // optional and dynamic: the page stays and says so while the gateway is stopped or updated
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModelGateway gateway;

    public ProvidersPage() {
    }

    /** For tests. */
    ProvidersPage(ModelGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        ModelGateway g = gateway;
        if (req.getRequestURI() != null && req.getRequestURI().endsWith(".json")) {
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            if (g == null) {
                resp.getWriter().write(ProvidersJson.unavailable(ProvidersHtml.unavailable()));
                return;
            }
            GatewaySnapshot s = g.snapshot();
            resp.getWriter().write(ProvidersJson.page(s, ProvidersHtml.live(s)));
            return;
        }
        String token = csrf.token(req);
        PrintWriter w = resp.getWriter();
        HttpSession session = req.getSession(false);
        TryOutcome answer = null;
        if (session != null && session.getAttribute(ANSWER) instanceof TryOutcome a) {
            session.removeAttribute(ANSWER);
            answer = a;
        }
        if (g == null) {
            w.print(ProvidersHtml.unavailable());
            return;
        }
        GatewaySnapshot s = g.snapshot();
        List<ModelId> models = s.providers().stream().flatMap(p -> p.models().stream()).map(ModelInfo::id).toList();
        ModelId selected = answer != null ? parse(answer.model(), s.defaultModel()) : s.defaultModel();
        w.print(ProvidersHtml.tryForm(models, selected, "", token));
        if (answer != null) {
            w.print(ProvidersHtml.answer(answer));
        }
        w.print("<p>&nbsp;</p><div id=\"providers-live\">");
        w.print(ProvidersHtml.live(s));
        w.print("</div>\n");
        w.print(ProvidersHtml.script());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        if (!csrf.accepts(req)) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Missing or wrong CSRF token: reload the Trellis providers page and send the form again.");
            return;
        }
        if (!"try".equals(req.getParameter("action"))) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown action '" + req.getParameter("action") + "'");
            return;
        }
        boolean streaming = "1".equals(req.getHeader(STREAM_HEADER));
        String modelText = param(req, "model").strip();
        String prompt = param(req, "prompt").replace("\r\n", "\n");
        String problem = check(modelText, prompt);
        ModelGateway g = gateway;
        if (problem == null && g == null) {
            problem = "the model gateway is not available; nothing was sent";
        }
        if (problem != null) {
            if (streaming) {
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, problem);
            } else {
                redirect(req, resp, new TryOutcome(modelText, "", problem, true));
            }
            return;
        }
        TryStream stream = new TryStream();
        StreamHandle handle = g.stream(ChatRequest.of(ModelId.parse(modelText), "", prompt), stream);
        try {
            if (streaming) {
                stream(resp, stream, handle);
            } else {
                redirect(req, resp, stream.outcome(modelText, TRY_TIMEOUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            handle.cancel();
        }
    }

    /** Writes each line as it comes and flushes; a client that goes away cancels the stream (finally above). */
    private static void stream(HttpServletResponse resp, TryStream stream, StreamHandle handle)
            throws IOException, InterruptedException {
        resp.setContentType("application/x-ndjson");
        resp.setCharacterEncoding("UTF-8");
        PrintWriter w = resp.getWriter();
        long deadline = System.nanoTime() + TRY_TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            TryStream.Line line = left <= 0 ? null : stream.next(Duration.ofNanos(left));
            if (line == null) {
                w.println("{\"type\":\"error\",\"kind\":\"Timeout\",\"message\":\"no answer within "
                        + TRY_TIMEOUT.toSeconds() + " s; cancelled\"}");
                w.flush();
                return;
            }
            w.println(line.json());
            w.flush();
            if (w.checkError()) {
                return;
            }
            if (line.last()) {
                return;
            }
        }
    }

    private static void redirect(HttpServletRequest req, HttpServletResponse resp, TryOutcome outcome) {
        req.getSession(true).setAttribute(ANSWER, outcome);
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", ProvidersHtml.LABEL);
    }

    /** Null if the form is fine, else what to fix. */
    static String check(String model, String prompt) {
        if (model.isEmpty()) {
            return "choose a model";
        }
        try {
            ModelId.parse(model);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (prompt.isBlank()) {
            return "write a prompt first";
        }
        if (prompt.length() > MAX_PROMPT) {
            return "the prompt has " + prompt.length() + " characters; at most " + MAX_PROMPT + " are sent from here";
        }
        return null;
    }

    private static ModelId parse(String text, ModelId fallback) {
        try {
            return ModelId.parse(text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String param(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v;
    }
}
