package dev.trellis.console.internal.agents;

import static dev.trellis.console.internal.page.Json.str;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentException;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.memory.Author;
import dev.trellis.console.internal.html.CsrfGuard;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The "Trellis agents" Web Console page at {@code /system/console/trellis-agents}: every agent with its
 * state; per agent ({@code ?agent=<id>}) its definition, a chat box whose turn streams live, the turn
 * log with token and prompt-cache figures and the queued messages.
 *
 * <ul>
 *   <li>{@code GET trellis-agents.events?agent=<id>}: the agent's events as Server-Sent Events (the Web
 *       Console passes requests with an extension other than {@code .html} to the servlet unwrapped).</li>
 *   <li>{@code GET trellis-agents.json?agent=<id>}: status, turn log and queue as JSON.</li>
 *   <li>{@code POST} (form or {@code .json}) with {@code action=send|cancel}, {@code agent}, {@code text}
 *       and the session's CSRF token; without the token: 403, nothing happens.</li>
 * </ul>
 *
 * <p>Inputs are submitted as {@code human <console user>}: the console is one of the runtime's trusted
 * surfaces. The runtime reference is optional and dynamic: without it the page says so.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + AgentsHtml.LABEL,
        "felix.webconsole.title=Trellis agents",
        "felix.webconsole.category=Trellis"})
public final class AgentsPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int CONVERSATION_SHOWN = 60;
    static final int TURNS_SHOWN = 30;
    /** Open event streams at once (each holds a request thread). */
    static final int MAX_STREAMS = 16;
    private static final String ATTR_REMOTE_USER = "org.osgi.service.http.authentication.remote.user";

    private final transient CsrfGuard csrf = new CsrfGuard();
    private final transient Semaphore streams = new Semaphore(MAX_STREAMS);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AgentRuntime runtime;

    public AgentsPage() {
    }

    /** For tests. */
    AgentsPage(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        String uri = req.getRequestURI();
        AgentRuntime r = runtime;
        if (uri.endsWith(".events")) {
            events(r, req, resp);
            return;
        }
        if (uri.endsWith(".json")) {
            status(r, req, resp);
            return;
        }
        String token = csrf.token(req);
        PrintWriter w = resp.getWriter();
        if (r == null) {
            w.print(AgentsHtml.message("agents-unavailable", "The agent runtime is not available: is the dev.trellis.agent"
                    + " bundle (and its store) active?", true));
            return;
        }
        String agent = param(req, "agent");
        if (agent.isBlank()) {
            List<AgentDefinition> agents = r.agents();
            w.print(AgentsHtml.overview(agents, agents.stream().map(a -> r.status(a.id())).toList()));
            return;
        }
        w.print(AgentsHtml.nav());
        try {
            AgentId id = AgentId.of(agent);
            Optional<AgentDefinition> d = r.agents().stream().filter(a -> a.id().equals(id)).findFirst();
            Optional<AgentStatus> s = r.status(id);
            if (d.isEmpty() || s.isEmpty()) {
                w.print(AgentsHtml.message("agents-flash", "There is no agent '" + agent + "'.", true));
                return;
            }
            w.print(AgentsHtml.agent(d.get(), s.get(), r.conversation(id, CONVERSATION_SHOWN), r.turns(id, TURNS_SHOWN),
                    r.queued(id), token));
        } catch (IllegalArgumentException | AgentException e) {
            w.print(AgentsHtml.message("agents-flash", e.getMessage(), true));
        }
    }

    private void events(AgentRuntime r, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AgentId id;
        try {
            id = AgentId.of(param(req, "agent"));
        } catch (IllegalArgumentException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        if (r == null || r.status(id).isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, r == null ? "the agent runtime is not available" : "no agent " + id);
            return;
        }
        if (!streams.tryAcquire()) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, MAX_STREAMS + " event streams are open already");
            return;
        }
        try {
            resp.setContentType("text/event-stream");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("X-Accel-Buffering", "no");
            new EventStream(r, () -> runtime, id, resp.getWriter()).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }

    private void status(AgentRuntime r, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        try {
            if (r == null) {
                throw new IllegalStateException("the agent runtime is not available");
            }
            AgentId id = AgentId.of(param(req, "agent"));
            AgentStatus s = r.status(id).orElseThrow(() -> new IllegalArgumentException("no agent '" + id + "'"));
            resp.getWriter().write(AgentsJson.status(s, r.turns(id, TURNS_SHOWN), r.queued(id)));
        } catch (IllegalArgumentException | IllegalStateException | AgentException e) {
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            resp.getWriter().write("{\"error\":" + str(e.getMessage()) + "}");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        boolean json = req.getRequestURI().endsWith(".json");
        if (!csrf.accepts(req)) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Missing or wrong CSRF token: reload the Trellis agents page and submit again.");
            return;
        }
        String agent = param(req, "agent");
        boolean ok;
        String message;
        try {
            AgentRuntime r = runtime;
            if (r == null) {
                throw new IllegalStateException("the agent runtime is not available; nothing was sent");
            }
            AgentId id = AgentId.of(agent);
            switch (param(req, "action")) {
                case "send" -> {
                    Submission s = r.submit(id, new Author.Human(user(req)), param(req, "text"));
                    message = s.startedTurn() ? "Sent: turn " + s.turnId() + " started."
                            : "Queued as turn " + s.turnId() + (s.ahead() == 0 ? " (next)." : " (" + s.ahead() + " ahead).");
                }
                case "cancel" -> message = r.cancel(id) ? "Cancelling the running turn." : "No turn is running.";
                default -> throw new IllegalArgumentException("unknown action '" + param(req, "action") + "'");
            }
            ok = true;
        } catch (IllegalArgumentException | IllegalStateException | AgentException e) {
            ok = false;
            message = e.getMessage();
        }
        if (json) {
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            if (!ok) {
                resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
            resp.getWriter().write("{\"ok\":" + ok + ",\"message\":" + str(message) + "}");
            return;
        }
        // a form post without the script: back to the agent's page
        resp.sendRedirect(AgentsHtml.LABEL + "?agent=" + java.net.URLEncoder.encode(agent, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Who is logged in, as the Trellis security provider recorded it. */
    static String user(HttpServletRequest req) {
        Object u = req.getAttribute(ATTR_REMOTE_USER);
        if (u != null && !String.valueOf(u).isBlank()) {
            return String.valueOf(u);
        }
        String remote = req.getRemoteUser();
        return remote == null || remote.isBlank() ? "admin" : remote;
    }

    private static String param(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v;
    }
}
