package dev.trellis.console.internal.auth;

import static dev.trellis.console.internal.html.Html.attr;
import static dev.trellis.console.internal.html.Html.text;

import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.DeviceCode;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.console.internal.html.CsrfGuard;
import dev.trellis.console.internal.memory.Flash;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The HTML of the auth page. Every value is escaped; no secret ever reaches it (the statuses carry none). */
final class AuthHtml {

    static final String LABEL = "trellis-auth";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AuthHtml() {
    }

    static String flash(Flash f) {
        return "<p id=\"auth-flash\" class=\"ui-state-" + (f.error() ? "error" : "highlight") + "\" data-error=\""
                + f.error() + "\" style=\"padding:6px\">" + text(f.message()) + "</p>\n";
    }

    static String unavailable(String why) {
        return "<p id=\"auth-unavailable\" class=\"ui-state-error\" style=\"padding:6px\">" + text(why) + "</p>\n";
    }

    static String statusTable(List<AuthStatus> statuses, Instant now, String csrf, boolean loginRunning) {
        StringBuilder b = new StringBuilder();
        b.append("<table id=\"auth-status\" class=\"tablesorter nicetable\"><thead><tr><th>Provider</th><th>Credential</th>"
                + "<th>Expires</th><th>Account</th><th>Source</th><th>Actions</th></tr></thead><tbody>\n");
        for (AuthStatus s : statuses) {
            ProviderKind p = s.provider();
            b.append("<tr data-provider=\"").append(attr(p.id())).append("\">");
            b.append("<td class=\"provider\">").append(text(p.id())).append("</td>");
            b.append("<td class=\"tier\">").append(text(tier(s))).append(s.problem().map(pr ->
                    "<div class=\"problem ui-state-error\">" + text(pr) + "</div>").orElse("")).append("</td>");
            b.append("<td class=\"expires\">").append(s.expiresAt().map(e -> text(TIME.format(e) + " ("
                    + relative(e, now) + ")")).orElse("")).append("</td>");
            b.append("<td class=\"account\">").append(s.accountSuffix().map(a -> text("..." + a)).orElse("")).append("</td>");
            b.append("<td class=\"source\">").append(s.source().map(x -> text(x)).orElse("")).append("</td>");
            b.append("<td class=\"actions\">").append(actions(p, csrf, loginRunning)).append("</td></tr>\n");
        }
        return b.append("</tbody></table>\n").toString();
    }

    static String tier(AuthStatus s) {
        if (s.tier().isEmpty()) {
            return "no credential";
        }
        return switch (s.tier().get()) {
            case OAUTH -> "OAuth login" + (s.refreshable() ? " (refreshable)" : "");
            case ENV_KEY -> "API key from the environment";
            case STORED_KEY -> "stored API key";
        };
    }

    private static String actions(ProviderKind p, String csrf, boolean loginRunning) {
        StringBuilder b = new StringBuilder();
        if (p.supportsOAuth() && !loginRunning) {
            b.append(form(p, "login", csrf, "<input type=\"hidden\" name=\"flow\" value=\"auto\">"
                    + "<button type=\"submit\" class=\"ui-button\" id=\"login-browser-" + attr(p.id()) + "\">Log in (browser)"
                    + "</button>"));
            b.append(form(p, "login", csrf, "<input type=\"hidden\" name=\"flow\" value=\"device\">"
                    + "<button type=\"submit\" class=\"ui-button\" id=\"login-device-" + attr(p.id())
                    + "\">Log in (device code)</button>"));
        }
        b.append(form(p, "store-key", csrf, "<input type=\"password\" name=\"key\" autocomplete=\"off\" size=\"24\""
                + " placeholder=\"API key\" id=\"key-" + attr(p.id()) + "\"> <button type=\"submit\" class=\"ui-button\""
                + " id=\"store-" + attr(p.id()) + "\">Store key</button>"));
        b.append(form(p, "clear", csrf, "<button type=\"submit\" class=\"ui-button\" id=\"clear-" + attr(p.id())
                + "\" onclick=\"return confirm('Remove the stored login and key of " + attr(p.id())
                + "? Environment variables stay.')\">Clear</button>"));
        return b.toString();
    }

    private static String form(ProviderKind p, String action, String csrf, String inner) {
        return "<form method=\"post\" action=\"" + LABEL + "\" style=\"display:inline-block;margin:2px\">"
                + "<input type=\"hidden\" name=\"" + CsrfGuard.PARAM + "\" value=\"" + attr(csrf) + "\">"
                + "<input type=\"hidden\" name=\"action\" value=\"" + attr(action) + "\">"
                + "<input type=\"hidden\" name=\"provider\" value=\"" + attr(p.id()) + "\">" + inner + "</form>";
    }

    /** The running login: the URL to open or the device code, a cancel button, and a poll that reloads when done. */
    static String login(LoginAttempt a, Instant now, String csrf) {
        StringBuilder b = new StringBuilder("<div id=\"auth-login\" data-provider=\"" + attr(a.provider.id())
                + "\" data-state=\"pending\" class=\"ui-widget-content\" style=\"padding:8px;margin:8px 0\">");
        b.append("<h3>Logging in to ").append(text(a.provider.id())).append("</h3>");
        if (a.deviceCode().isPresent()) {
            DeviceCode c = a.deviceCode().get();
            b.append("<p>On any device, open <a id=\"auth-verification-url\" target=\"_blank\" rel=\"noopener\" href=\"")
                    .append(attr(c.verificationUrl().toString())).append("\">").append(text(c.verificationUrl().toString()))
                    .append("</a> and enter the code</p><p><code id=\"auth-user-code\" style=\"font-size:150%\">")
                    .append(text(c.userCode())).append("</code></p><p>The code expires at ")
                    .append(text(TIME.format(c.expiresAt()) + " (" + relative(c.expiresAt(), now) + ")"))
                    .append(". This page updates by itself when you are done.</p>");
        } else if (a.authorizeUrl().isPresent()) {
            b.append("<p>Open this URL in a browser <b>on the machine running Trellis</b> (the login comes back to")
                    .append(" 127.0.0.1 there):</p><p><a id=\"auth-login-url\" target=\"_blank\" rel=\"noopener\" href=\"")
                    .append(attr(a.authorizeUrl().get().toString())).append("\">")
                    .append(text(a.authorizeUrl().get().toString())).append("</a></p><p>On another machine, cancel and")
                    .append(" use <i>Log in (device code)</i>. This page updates by itself when you are done.</p>");
        } else {
            b.append("<p id=\"auth-login-starting\">Starting…</p>");
        }
        b.append("<form method=\"post\" action=\"").append(LABEL).append("\"><input type=\"hidden\" name=\"")
                .append(CsrfGuard.PARAM).append("\" value=\"").append(attr(csrf)).append("\">")
                .append("<input type=\"hidden\" name=\"action\" value=\"cancel-login\"><input type=\"hidden\"")
                .append(" name=\"provider\" value=\"").append(attr(a.provider.id())).append("\">")
                .append("<button type=\"submit\" class=\"ui-button\" id=\"auth-login-cancel\">Cancel login</button></form>");
        // poll the page's JSON and reload once the login is no longer pending (or a code/URL appeared)
        b.append("<script>(function(){var shown=").append(a.deviceCode().isPresent() || a.authorizeUrl().isPresent())
                .append(";function poll(){fetch('").append(LABEL).append(".json',{cache:'no-store'}).then(function(r){")
                .append("return r.json();}).then(function(j){if(j.login!=='pending'||(j.prompt&&!shown)){location.replace('")
                .append(LABEL).append("');}else{setTimeout(poll,1000);}}).catch(function(){setTimeout(poll,2000);});}")
                .append("setTimeout(poll,1000);})();</script>");
        return b.append("</div>\n").toString();
    }

    static String relative(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        long m = Math.abs(d.toMinutes());
        String span = m >= 60 ? (m / 60) + " h " + (m % 60) + " min" : m >= 1 ? m + " min" : Math.abs(d.toSeconds()) + " s";
        return d.isNegative() ? "expired " + span + " ago" : "in " + span;
    }

    static String notes() {
        return "<p style=\"margin-top:12px\">Order per provider: openai uses the OAuth login, then OPENAI_API_KEY, then the"
                + " key stored in auth.json; anthropic and gemini use their environment variable, then the stored key."
                + " Credentials are kept in files with mode 0600 (there is no OS keyring here). The same from a terminal,"
                + " without a running host: <code>./trellis auth status</code>.</p>\n";
    }
}
