package dev.trellis.console.internal.providers;

import static dev.trellis.console.internal.html.Html.attr;
import static dev.trellis.console.internal.html.Html.text;

import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.gateway.RateLimitState;
import dev.trellis.api.gateway.RecentError;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.console.internal.html.CsrfGuard;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML of the {@code trellis-providers} page. {@link #live} is the part the page re-fetches every two
 * seconds (from {@code trellis-providers.json}); ids and {@code data-*} attributes are stable for tests and
 * scripts. Every value from the gateway goes through {@code Html.text}/{@code attr}.
 */
final class ProvidersHtml {

    static final String LABEL = "trellis-providers";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private ProvidersHtml() {
    }

    static String unavailable() {
        return "<p id=\"providers-unavailable\" class=\"ui-widget-content ui-state-error\" style=\"padding: 0.5em\">"
                + "The model gateway is not available: is the dev.trellis.gateway bundle active?</p>\n";
    }

    static String header(String title, String id) {
        return "<div id=\"" + id + "\" class=\"ui-widget-header ui-corner-top buttonGroup\"><span style=\"float: left;"
                + " margin-left: 1em\">" + text(title) + "</span>&nbsp;</div>\n";
    }

    /** Everything that changes while the page is open. */
    static String live(GatewaySnapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append("<p class=\"statline\">Default model for agents that name none: <code id=\"providers-default\">")
                .append(text(s.defaultModel().toString())).append("</code> &middot; updated <span id=\"providers-updated\">")
                .append(text(CLOCK.format(s.takenAt()))).append("</span></p>\n");
        sb.append(providers(s.providers()));
        sb.append("<p>&nbsp;</p>").append(instances(s.providers()));
        sb.append("<p>&nbsp;</p>").append(models(s.providers()));
        sb.append("<p>&nbsp;</p>").append(errors(s.providers()));
        sb.append("<p>&nbsp;</p>").append(swaps(s.swaps()));
        return sb.toString();
    }

    static String providers(List<ProviderDetails> providers) {
        StringBuilder sb = new StringBuilder(header("Providers", "providers-title"));
        sb.append("<table id=\"providers\" class=\"nicetable\"><thead><tr><th>Provider</th><th>State</th>")
                .append("<th>In flight</th><th>Requests</th><th>Failures</th><th>Rate limit</th><th>Last error</th>")
                .append("</tr></thead><tbody>\n");
        for (ProviderDetails d : providers) {
            ProviderStatus st = d.status();
            sb.append("<tr data-provider=\"").append(attr(st.providerId())).append("\">")
                    .append(td("provider", st.providerId()))
                    .append(td("state", st.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
                    .append(td("inflight", Integer.toString(st.inFlight())))
                    .append(td("requests", Long.toString(st.requests())))
                    .append(td("failures", Long.toString(st.failures())))
                    .append(td("ratelimit", rateLimit(d.rateLimit())))
                    .append(td("lasterror", st.lastError().orElse(""))).append("</tr>\n");
        }
        if (providers.isEmpty()) {
            sb.append("<tr><td colspan=\"7\">No model provider is registered. Requests wait for one, then fail.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String rateLimit(RateLimitState r) {
        if (r.unlimited()) {
            return r.limitedUntil().map(u -> "no limit (provider asked to wait until " + TIME.format(u) + ")")
                    .orElse("no limit");
        }
        List<String> parts = new ArrayList<>();
        if (r.perMinute() > 0) {
            parts.add(r.availableMinute() + " of " + r.perMinute() + " per minute left");
        }
        if (r.perDay() > 0) {
            parts.add(r.availableDay() + " of " + r.perDay() + " per day left");
        }
        String s = String.join(", ", parts);
        return r.limitedUntil().map(u -> s + "; waiting until " + TIME.format(u)).orElse(s);
    }

    static String instances(List<ProviderDetails> providers) {
        StringBuilder sb = new StringBuilder(header("Provider services", "provider-instances-title"));
        sb.append("<table id=\"provider-instances\" class=\"nicetable\"><thead><tr><th>Provider</th><th>Service</th>")
                .append("<th>Bundle</th><th>Version</th><th>Ranking</th><th>Role</th><th>In flight</th><th>Served</th>")
                .append("<th>Since</th></tr></thead><tbody>\n");
        int rows = 0;
        for (ProviderDetails d : providers) {
            for (ProviderInstance i : d.instances()) {
                rows++;
                sb.append("<tr data-provider=\"").append(attr(d.status().providerId())).append("\" data-service-id=\"")
                        .append(i.serviceId()).append("\" data-role=\"").append(i.role().name().toLowerCase(Locale.ROOT))
                        .append("\">").append(td("provider", d.status().providerId()))
                        .append(td("service", Long.toString(i.serviceId())))
                        .append("<td class=\"bundle\"><a href=\"bundles/").append(i.bundleId()).append("\">")
                        .append(text(i.bundleSymbolicName())).append("</a> (").append(i.bundleId()).append(")</td>")
                        .append(td("version", i.bundleVersion()))
                        .append(td("ranking", Integer.toString(i.ranking())))
                        .append(td("role", i.role().name().toLowerCase(Locale.ROOT)))
                        .append(td("inflight", Integer.toString(i.inFlight())))
                        .append(td("served", Long.toString(i.served())))
                        .append(td("since", TIME.format(i.since()))).append("</tr>\n");
            }
        }
        if (rows == 0) {
            sb.append("<tr><td colspan=\"9\">None.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String models(List<ProviderDetails> providers) {
        StringBuilder sb = new StringBuilder(header("Models", "provider-models-title"));
        sb.append("<table id=\"provider-models\" class=\"nicetable\"><thead><tr><th>Model</th><th>Description</th>")
                .append("<th>Tools</th><th>Thinking</th><th>Context window</th></tr></thead><tbody>\n");
        int rows = 0;
        for (ProviderDetails d : providers) {
            for (ModelInfo m : d.models()) {
                rows++;
                sb.append("<tr data-model=\"").append(attr(m.id().toString())).append("\">")
                        .append(td("model", m.id().toString())).append(td("name", m.displayName()))
                        .append(td("tools", m.supportsTools() ? "yes" : "no"))
                        .append(td("thinking", m.supportsThinking() ? "yes" : "no"))
                        .append(td("context", m.contextWindow().isPresent() ? m.contextWindow().getAsInt() + " tokens" : ""))
                        .append("</tr>\n");
            }
        }
        if (rows == 0) {
            sb.append("<tr><td colspan=\"5\">No models listed.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String errors(List<ProviderDetails> providers) {
        List<RecentError> all = new ArrayList<>();
        providers.forEach(d -> all.addAll(d.recentErrors()));
        all.sort((a, b) -> b.at().compareTo(a.at()));
        StringBuilder sb = new StringBuilder(header("Recent errors", "provider-errors-title"));
        if (all.isEmpty()) {
            return sb.append("<p id=\"provider-errors-none\" class=\"ui-widget-content\">No failed requests since the gateway"
                    + " started.</p>\n").toString();
        }
        sb.append("<table id=\"provider-errors\" class=\"nicetable\"><thead><tr><th>Time</th><th>Model</th><th>Kind</th>")
                .append("<th>Try</th><th>Retried</th><th>Message</th></tr></thead><tbody>\n");
        for (RecentError e : all) {
            sb.append("<tr data-kind=\"").append(attr(e.kind())).append("\">").append(td("time", TIME.format(e.at())))
                    .append(td("model", e.model().toString())).append(td("kind", e.kind()))
                    .append(td("attempt", Integer.toString(e.attempt()))).append(td("retried", e.retried() ? "yes" : "no"))
                    .append(td("message", e.message())).append("</tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    static String swaps(List<SwapEvent> swaps) {
        StringBuilder sb = new StringBuilder(header("Swap history", "provider-swaps-title"));
        sb.append("<table id=\"provider-swaps\" class=\"nicetable\"><thead><tr><th>Time</th><th>Provider</th><th>Event</th>")
                .append("<th>Service</th><th>Bundle</th><th>Version</th><th>In flight</th><th>Detail</th></tr></thead><tbody>\n");
        for (SwapEvent e : swaps) {
            sb.append("<tr data-kind=\"").append(e.kind().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(td("time", CLOCK.format(e.at()))).append(td("provider", e.providerId()))
                    .append(td("kind", e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
                    .append(td("service", Long.toString(e.serviceId()))).append(td("bundle", Long.toString(e.bundleId())))
                    .append(td("version", e.bundleVersion())).append(td("inflight", Integer.toString(e.inFlight())))
                    .append(td("detail", e.detail())).append("</tr>\n");
        }
        if (swaps.isEmpty()) {
            sb.append("<tr><td colspan=\"8\">No provider came or went yet.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    /** The "try it" form; with JavaScript the answer streams into {@code #provider-try-output}. */
    static String tryForm(List<ModelId> models, ModelId selected, String prompt, String token) {
        StringBuilder sb = new StringBuilder(header("Try a model", "provider-try-title"));
        sb.append("<form id=\"provider-try\" method=\"post\" action=\"").append(LABEL).append("\" class=\"ui-widget-content\"")
                .append(" style=\"padding: 0.5em\"><input type=\"hidden\" name=\"action\" value=\"try\">")
                .append("<input type=\"hidden\" name=\"").append(CsrfGuard.PARAM).append("\" value=\"").append(attr(token))
                .append("\"><label>Model <select name=\"model\" id=\"provider-try-model\">");
        List<ModelId> options = new ArrayList<>();
        options.add(selected);
        models.stream().filter(m -> !m.equals(selected)).distinct().forEach(options::add);
        for (ModelId m : options) {
            sb.append("<option value=\"").append(attr(m.toString())).append('"').append(m.equals(selected) ? " selected" : "")
                    .append('>').append(text(m.toString())).append("</option>");
        }
        sb.append("</select></label><br><textarea name=\"prompt\" id=\"provider-try-prompt\" rows=\"3\" cols=\"80\"")
                .append(" placeholder=\"Say something to the model\">").append(text(prompt)).append("</textarea><br>")
                .append("<button type=\"submit\" id=\"provider-try-send\">Send</button> <span id=\"provider-try-status\">")
                .append("</span></form>\n<pre id=\"provider-try-output\" class=\"ui-widget-content\" style=\"padding: 0.5em;")
                .append(" white-space: pre-wrap; min-height: 2em\"></pre>\n");
        return sb.toString();
    }

    /** The outcome of a "try it" POST without JavaScript, shown once after the redirect. */
    static String answer(TryOutcome outcome) {
        return "<div id=\"provider-try-answer\" class=\"ui-widget-content " + (outcome.failed() ? "ui-state-error" : "ui-state-highlight")
                + "\" data-error=\"" + outcome.failed() + "\" style=\"padding: 0.5em\"><b>" + text(outcome.model()) + "</b>: "
                + text(outcome.text()) + (outcome.end().isEmpty() ? "" : " <i>(" + text(outcome.end()) + ")</i>") + "</div>\n";
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    private static String td(String cls, String value) {
        return "<td class=\"" + cls + "\">" + text(value) + "</td>";
    }

    /**
     * Refreshes {@code #providers-live} and the model choices every two seconds and streams "try it" answers. No {@code ${...}} in here:
     * the Web Console would substitute it.
     */
    static String script() {
        return """
                <script>
                (function () {
                  var base = window.location.pathname.replace(/\\.json$/, '');
                  var live = document.getElementById('providers-live');
                  var select = document.getElementById('provider-try-model');
                  function options(j) {
                    if (!select || !j.providers) { return; }
                    var ids = [j.defaultModel];
                    j.providers.forEach(function (p) { p.models.forEach(function (m) {
                      if (ids.indexOf(m.id) < 0) { ids.push(m.id); } }); });
                    var now = Array.prototype.map.call(select.options, function (o) { return o.value; });
                    if (now.join('\\n') === ids.join('\\n')) { return; }
                    var keep = select.value;
                    select.textContent = '';
                    ids.forEach(function (id) {
                      var o = document.createElement('option');
                      o.value = id; o.textContent = id; o.selected = id === keep;
                      select.appendChild(o);
                    });
                  }
                  function refresh() {
                    fetch(base + '.json', {credentials: 'same-origin', cache: 'no-store'})
                      .then(function (r) { return r.ok ? r.json() : null; })
                      .then(function (j) { if (j && live) { live.innerHTML = j.html; options(j); } })
                      .catch(function () { });
                  }
                  setInterval(refresh, 2000);
                  var form = document.getElementById('provider-try');
                  if (!form || !window.fetch || !window.TextDecoder) { return; }
                  var out = document.getElementById('provider-try-output');
                  var status = document.getElementById('provider-try-status');
                  var send = document.getElementById('provider-try-send');
                  form.addEventListener('submit', function (ev) {
                    ev.preventDefault();
                    out.textContent = '';
                    status.textContent = 'streaming...';
                    status.setAttribute('data-state', 'streaming');
                    send.disabled = true;
                    var body = new URLSearchParams(new FormData(form));
                    fetch(base, {method: 'POST', body: body, credentials: 'same-origin',
                                 headers: {'X-Trellis-Stream': '1'}})
                      .then(function (r) {
                        if (!r.ok) { throw new Error('HTTP ' + r.status); }
                        var reader = r.body.getReader();
                        var decoder = new TextDecoder();
                        var buffer = '';
                        function line(text) {
                          if (!text) { return; }
                          var e = JSON.parse(text);
                          if (e.type === 'text') { out.textContent += e.text; }
                          else if (e.type === 'thinking') { out.textContent += '[thinking] ' + e.text; }
                          else if (e.type === 'tool') { out.textContent += '\\n[tool call ' + e.name + ' ' + e.arguments + ']\\n'; }
                          else if (e.type === 'usage') { status.setAttribute('data-usage', e.input + '/' + e.output); }
                          else if (e.type === 'stop') { status.textContent = 'done: ' + e.reason; status.setAttribute('data-state', 'done'); }
                          else if (e.type === 'error') { status.textContent = 'failed: ' + e.message; status.setAttribute('data-state', 'failed'); }
                        }
                        function pump() {
                          return reader.read().then(function (chunk) {
                            if (chunk.done) { line(buffer); return; }
                            buffer += decoder.decode(chunk.value, {stream: true});
                            var lines = buffer.split('\\n');
                            buffer = lines.pop();
                            lines.forEach(line);
                            return pump();
                          });
                        }
                        return pump();
                      })
                      .catch(function (e) { status.textContent = 'failed: ' + e.message; status.setAttribute('data-state', 'failed'); })
                      .then(function () { send.disabled = false; });
                  });
                })();
                </script>
                """;
    }
}
