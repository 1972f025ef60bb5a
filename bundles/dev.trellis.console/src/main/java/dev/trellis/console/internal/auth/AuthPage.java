package dev.trellis.console.internal.auth;

import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.ClearResult;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginService;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.console.internal.html.CsrfGuard;
import dev.trellis.console.internal.memory.Flash;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The "Trellis auth" Web Console page at {@code /system/console/trellis-auth}: per provider the credential the
 * chain would use (tier, expiry, masked account, source, problems), an OpenAI login (browser/loopback: the URL to
 * open; device code: the code and the URL, and the page polls {@code trellis-auth.json} until the login ends),
 * storing an API key, and clearing. POSTs carry the session's CSRF token (else 403) and redirect to a GET page.
 * Logins run in the auth bundle; this page keeps at most one per provider and shows its outcome once.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + AuthHtml.LABEL,
        "felix.webconsole.title=Trellis auth",
        "felix.webconsole.category=Trellis"})
public final class AuthPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String FLASH = "dev.trellis.console.auth.flash";

    private final transient CsrfGuard csrf = new CsrfGuard();
    private final transient Clock clock;
    private final transient Map<ProviderKind, LoginAttempt> logins = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CredentialResolver resolver;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LoginService login;

    public AuthPage() {
        this.clock = Clock.systemUTC();
    }

    /** For tests. */
    AuthPage(CredentialResolver resolver, LoginService login, Clock clock) {
        this.resolver = resolver;
        this.login = login;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        logins.values().forEach(a -> a.future().cancel(true));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        if (req.getRequestURI().endsWith(".json")) {
            json(resp);
            return;
        }
        String token = csrf.token(req);
        HttpSession session = req.getSession(false);
        PrintWriter w = resp.getWriter();
        if (session != null && session.getAttribute(FLASH) instanceof Flash f) {
            session.removeAttribute(FLASH);
            w.print(AuthHtml.flash(f));
        }
        outcomes().forEach(f -> w.print(AuthHtml.flash(f)));
        CredentialResolver r = resolver;
        if (r == null) {
            w.print(AuthHtml.unavailable("The auth service is not available: is the dev.trellis.auth bundle active?"));
            return;
        }
        LoginAttempt running = logins.get(ProviderKind.OPENAI);
        if (running != null) {
            w.print(AuthHtml.login(running, clock.instant(), token));
        }
        List<AuthStatus> statuses = new ArrayList<>();
        for (ProviderKind p : ProviderKind.values()) {
            statuses.add(r.status(p));
        }
        w.print(AuthHtml.statusTable(statuses, clock.instant(), token, running != null));
        w.print(AuthHtml.notes());
    }

    /** Finished logins become a message (once) and make room for a new one. */
    private List<Flash> outcomes() {
        List<Flash> out = new ArrayList<>();
        logins.forEach((p, a) -> {
            if (a.future().isDone() && logins.remove(p, a)) {
                try {
                    AuthStatus s = a.future().join();
                    out.add(Flash.ok("Logged in to " + p.id() + ": " + AuthHtml.tier(s) + s.accountSuffix()
                            .map(x -> ", account ..." + x).orElse("") + "."));
                } catch (CancellationException e) {
                    out.add(Flash.error("The " + p.id() + " login was cancelled; nothing was stored."));
                } catch (CompletionException e) {
                    out.add(Flash.error("The " + p.id() + " login failed: " + Optional.ofNullable(e.getCause())
                            .map(Throwable::getMessage).orElse(e.toString())));
                }
            }
        });
        return out;
    }

    private void json(HttpServletResponse resp) throws IOException {
        LoginAttempt a = logins.get(ProviderKind.OPENAI);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        boolean prompt = a != null && (a.deviceCode().isPresent() || a.authorizeUrl().isPresent());
        resp.getWriter().write("{\"login\":\"" + (a == null ? "none" : a.state()) + "\",\"prompt\":" + prompt + "}");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!csrf.accepts(req)) {
            resp.setHeader("Cache-Control", "no-store");
            resp.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Missing or wrong CSRF token: reload the Trellis auth page and submit the form again.");
            return;
        }
        Flash flash;
        try {
            ProviderKind provider = ProviderKind.parse(param(req, "provider"));
            LoginService l = login;
            if (l == null) {
                throw new IllegalStateException("the auth service is not available; nothing was changed");
            }
            flash = switch (param(req, "action")) {
                case "login" -> startLogin(l, provider, param(req, "flow"));
                case "cancel-login" -> cancelLogin(provider);
                case "store-key" -> {
                    AuthStatus s = l.storeApiKey(provider, param(req, "key"));
                    yield Flash.ok("Stored the API key for " + provider.id() + ". Now: " + AuthHtml.tier(s)
                            + s.source().map(x -> " (" + x + ")").orElse("") + ".");
                }
                case "clear" -> cleared(l.clear(provider));
                default -> throw new IllegalArgumentException("unknown action '" + param(req, "action") + "'");
            };
        } catch (AuthException | IllegalArgumentException | IllegalStateException e) {
            flash = Flash.error("Not done: " + e.getMessage());
        }
        req.getSession(true).setAttribute(FLASH, flash);
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", AuthHtml.LABEL);
    }

    private Flash startLogin(LoginService l, ProviderKind provider, String flowName) {
        if (!provider.supportsOAuth()) {
            throw new IllegalArgumentException(provider.id() + " supports API keys only");
        }
        LoginFlow flow = switch (flowName) {
            case "device" -> LoginFlow.DEVICE_CODE;
            case "auto", "" -> LoginFlow.AUTO;
            default -> throw new IllegalArgumentException("unknown login flow '" + flowName + "'");
        };
        LoginAttempt attempt = new LoginAttempt(provider, flow);
        if (logins.putIfAbsent(provider, attempt) != null) {
            return Flash.error("A login to " + provider.id() + " is already running; finish or cancel it first.");
        }
        attempt.started(l.login(provider, flow, attempt).toCompletableFuture());
        return Flash.ok("Started the " + provider.id() + " login (" + (flow == LoginFlow.DEVICE_CODE ? "device code"
                : "browser; device code if the callback ports are taken") + ").");
    }

    private Flash cancelLogin(ProviderKind provider) {
        LoginAttempt a = logins.remove(provider);
        if (a == null) {
            return Flash.error("No " + provider.id() + " login is running.");
        }
        a.future().cancel(true);
        return Flash.ok("Cancelled the " + provider.id() + " login; nothing was stored.");
    }

    private static Flash cleared(ClearResult r) {
        String what = !r.removedAnything() ? "Nothing was stored for " + r.provider().id() + "."
                : "Removed" + (r.tokensRemoved() ? " the OAuth login" : "") + (r.tokensRemoved() && r.keyRemoved() ? " and"
                        : "") + (r.keyRemoved() ? " the stored API key" : "") + " of " + r.provider().id() + ".";
        return Flash.ok(what + r.revocation().map(x -> " Revocation: " + x + ".").orElse("") + " Now: "
                + AuthHtml.tier(r.after()) + r.after().source().map(x -> " (" + x + ")").orElse("") + ".");
    }

    private static String param(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v;
    }
}
