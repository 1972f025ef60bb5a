package dev.trellis.console.internal.agents;

import static dev.trellis.console.internal.html.Html.attr;
import static dev.trellis.console.internal.html.Html.text;
import static dev.trellis.console.internal.html.Html.uri;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.console.internal.html.CsrfGuard;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HTML of the {@code trellis-agents} page. Values from agents, models and requests go through
 * {@code Html.text}/{@code attr}/{@code uri}; ids and {@code data-*} attributes are stable for tests and
 * the page script. The script is inline (no external scripts): it follows the agent's events with an
 * {@code EventSource} on {@code trellis-agents.events} and posts the chat box with the session's CSRF
 * token to {@code trellis-agents.json}.
 */
final class AgentsHtml {

    static final String LABEL = "trellis-agents";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int PREVIEW = 160;

    private AgentsHtml() {
    }

    static String header(String title) {
        return "<div class=\"ui-widget-header ui-corner-top buttonGroup\"><span style=\"float: left; margin-left: 1em\">"
                + text(title) + "</span>&nbsp;</div>\n";
    }

    static String message(String id, String what, boolean error) {
        return "<p id=\"" + id + "\" class=\"ui-widget-content " + (error ? "ui-state-error" : "ui-state-highlight")
                + "\" style=\"padding: 0.5em\">" + text(what) + "</p>\n";
    }

    static String nav() {
        return "<p class=\"statline\"><a id=\"agents-all\" href=\"" + LABEL + "\">All agents</a></p>\n";
    }

    /** The overview: one row per agent. */
    static String overview(List<AgentDefinition> agents, List<Optional<AgentStatus>> statuses) {
        StringBuilder sb = new StringBuilder("<p class=\"statline\">" + agents.size() + " agents.</p>\n");
        sb.append(header("Agents"));
        sb.append("<table id=\"agents\" class=\"nicetable\"><thead><tr><th>Agent</th><th>Model</th><th>State</th>")
                .append("<th>Queued</th><th>Last turn</th><th>Project</th><th>Problem</th></tr></thead><tbody>\n");
        for (int i = 0; i < agents.size(); i++) {
            AgentDefinition d = agents.get(i);
            Optional<AgentStatus> s = statuses.get(i);
            sb.append("<tr data-agent=\"").append(attr(d.id().value())).append("\">")
                    .append("<td class=\"agent\"><a href=\"").append(LABEL).append("?agent=").append(uri(d.id().value()))
                    .append("\">").append(text(d.id().value())).append("</a></td>")
                    .append("<td class=\"model\">").append(text(d.model().toString())).append("</td>")
                    .append("<td class=\"state\">").append(text(s.map(x -> x.state().name()).orElse("?"))).append("</td>")
                    .append("<td class=\"queued\">").append(s.map(AgentStatus::queued).orElse(0)).append("</td>")
                    .append("<td class=\"last\">").append(text(s.flatMap(AgentStatus::lastTurnAt).map(TIME::format).orElse("never")))
                    .append("</td><td class=\"project\">").append(text(d.project().orElse(""))).append("</td>")
                    .append("<td class=\"problem\">").append(text(s.flatMap(AgentStatus::problem).orElse(""))).append("</td></tr>\n");
        }
        if (agents.isEmpty()) {
            sb.append("<tr><td colspan=\"7\">No agents are configured. Add a file runtime-config/dev.trellis.agent-&lt;name&gt;.config"
                    + " or a <i>Trellis agent</i> configuration under OSGi &rarr; Configuration.</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    /** One agent: definition and status, chat, turn log, queue. */
    static String agent(AgentDefinition d, AgentStatus s, List<ConversationMessage> conversation, List<TurnRecord> turns,
            List<QueuedInput> queue, String csrf) {
        StringBuilder sb = new StringBuilder();
        sb.append(header("Agent " + d.id().value()));
        sb.append("<table id=\"agent-definition\" class=\"nicetable\" data-agent=\"").append(attr(d.id().value()))
                .append("\"><tbody>\n");
        row(sb, "state", "State", s.state().name() + s.problem().map(p -> " — " + p).orElse(""));
        row(sb, "model", "Model", d.model().toString());
        row(sb, "persona", "Persona", "global:" + d.persona());
        row(sb, "project", "Project", d.project().map(p -> "local:" + p).orElse("(none)"));
        row(sb, "isolation", "Isolation", d.isolation().id());
        row(sb, "tools", "Tools", String.join(", ", d.toolAllowList().stream().sorted().toList()));
        row(sb, "capabilities", "Capability classes", d.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                .sorted().collect(Collectors.joining(", ")));
        row(sb, "groups", "Groups", d.groups().isEmpty() ? "(none)" : String.join(", ", d.groups().stream().sorted().toList()));
        row(sb, "system-prompt", "System prompt", d.systemPrompt());
        sb.append("</tbody></table>\n<p class=\"statline\">Change the agent in its runtime-config file or under OSGi &rarr;"
                + " <a href=\"configMgr\">Configuration</a> (<i>Trellis agent</i>); changes apply from its next turn.</p>\n");

        sb.append("<p>&nbsp;</p>").append(header("Chat"));
        sb.append("<div id=\"agent-chat\" class=\"ui-widget-content\" style=\"padding: 0.5em\" data-agent=\"")
                .append(attr(d.id().value())).append("\" data-base=\"").append(LABEL).append("\" data-csrf=\"").append(attr(csrf))
                .append("\" data-streaming=\"false\">\n<div id=\"chat-log\">\n");
        for (ConversationMessage m : conversation) {
            sb.append(message(m));
        }
        sb.append("</div>\n<div id=\"chat-live\"></div>\n");
        sb.append("<form id=\"chat-form\" method=\"post\" action=\"").append(LABEL).append("\">")
                .append("<input type=\"hidden\" name=\"").append(CsrfGuard.PARAM).append("\" value=\"").append(attr(csrf)).append("\">")
                .append("<input type=\"hidden\" name=\"action\" value=\"send\"><input type=\"hidden\" name=\"agent\" value=\"")
                .append(attr(d.id().value())).append("\">")
                .append("<textarea name=\"text\" rows=\"3\" cols=\"90\" placeholder=\"Message to ").append(attr(d.id().value()))
                .append("\"></textarea><br><button id=\"chat-send\" type=\"submit\">Send</button> ")
                .append("<button id=\"chat-cancel\" type=\"submit\" name=\"action\" value=\"cancel\">Cancel the running turn</button>")
                .append(" <span id=\"chat-flash\"></span></form>\n</div>\n");

        sb.append("<p>&nbsp;</p>").append(header("Turn log"));
        sb.append("<table id=\"agent-turns\" class=\"nicetable\"><thead><tr><th>Started</th><th>From</th><th>Input</th>")
                .append("<th>Outcome</th><th>Model calls</th><th>Input tokens</th><th>Output tokens</th><th>Cache read</th>")
                .append("<th>Cache write</th><th>Cache hit</th><th>Time</th></tr></thead><tbody>\n");
        for (TurnRecord t : turns) {
            sb.append(turnRow(t));
        }
        sb.append("</tbody></table>\n");

        sb.append("<p>&nbsp;</p>").append(header("Queued messages"));
        sb.append("<table id=\"agent-queue\" class=\"nicetable\"><thead><tr><th>Queued</th><th>From</th><th>Message</th>")
                .append("</tr></thead><tbody>\n");
        for (QueuedInput q : queue) {
            sb.append("<tr data-turn=\"").append(attr(q.turnId())).append("\"><td class=\"time\">").append(text(TIME.format(q.queuedAt())))
                    .append("</td><td class=\"author\">").append(text(q.author().render())).append("</td><td class=\"body\">")
                    .append(text(preview(q.body()))).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        sb.append("<script>\n").append(SCRIPT).append("</script>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String cls, String name, String value) {
        sb.append("<tr class=\"").append(cls).append("\"><th>").append(text(name)).append("</th><td>").append(text(value))
                .append("</td></tr>\n");
    }

    /** A stored message in the transcript. */
    static String message(ConversationMessage m) {
        StringBuilder sb = new StringBuilder("<div class=\"msg ").append(m.role().name().toLowerCase(Locale.ROOT))
                .append(m.archived() ? " archived" : "").append("\" data-turn=\"").append(attr(m.turnId())).append("\">");
        switch (m.role()) {
            case USER -> {
                if (m.author().isPresent()) {
                    sb.append("<b class=\"who\">").append(text(m.author().get().render())).append(":</b> <span class=\"text\">")
                            .append(text(m.text())).append("</span>");
                } else {
                    sb.append("<i class=\"notice\">(memory notice)</i>");
                }
            }
            case ASSISTANT -> {
                sb.append("<b class=\"who\">agent:</b> <span class=\"text\">").append(text(m.text())).append("</span>");
                for (ContentPart p : m.parts()) {
                    if (p instanceof ContentPart.ToolCall c) {
                        sb.append("<div class=\"tool-call\">&rarr; ").append(text(c.name())).append(' ')
                                .append(text(preview(c.argumentsJson()))).append("</div>");
                    }
                }
            }
            case TOOL -> {
                for (ContentPart p : m.parts()) {
                    if (p instanceof ContentPart.ToolResult r) {
                        sb.append("<div class=\"tool-result").append(r.error() ? " error" : "").append("\">&larr; ")
                                .append(text(preview(r.content()))).append("</div>");
                    }
                }
            }
        }
        return sb.append("</div>\n").toString();
    }

    static String turnRow(TurnRecord t) {
        StreamEvent.Usage u = t.usage();
        return "<tr data-turn=\"" + attr(t.turnId()) + "\" data-outcome=\"" + attr(t.running() ? "running"
                : t.failure().isPresent() ? "failed" : "ended") + "\"><td class=\"time\">" + text(TIME.format(t.startedAt()))
                + "</td><td class=\"author\">" + text(t.author().render()) + "</td><td class=\"input\">" + text(preview(t.input()))
                + "</td><td class=\"outcome\">" + text(outcome(t)) + "</td><td class=\"calls\">" + t.modelCalls()
                + "</td><td class=\"in\">" + u.inputTokens() + "</td><td class=\"out\">" + u.outputTokens()
                + "</td><td class=\"cache-read\">" + u.cacheReadTokens() + "</td><td class=\"cache-write\">"
                + u.cacheCreationTokens() + "</td><td class=\"hit\">" + String.format(Locale.ROOT, "%.0f %%", u.cacheHitRatio() * 100)
                + "</td><td class=\"duration\">" + t.endedAt().map(e -> millis(t.startedAt(), e)).orElse("") + "</td></tr>\n";
    }

    static String outcome(TurnRecord t) {
        if (t.running()) {
            return "running";
        }
        return t.stopReason().map(r -> r.id()).orElseGet(() -> "failed: " + t.failure().orElse("?"));
    }

    private static String millis(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() + " ms";
    }

    static String preview(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= PREVIEW ? one : one.substring(0, PREVIEW) + "…";
    }

    /**
     * The page script. Plain ES2017 without template literals: the Web Console substitutes dollar-brace
     * variables in HTML answers, so the script never contains that sequence.
     */
    static final String SCRIPT = """
            (function () {
              var root = document.getElementById('agent-chat');
              if (!root) { return; }
              var agent = root.dataset.agent, base = root.dataset.base, csrf = root.dataset.csrf;
              var live = document.getElementById('chat-live');
              var flash = document.getElementById('chat-flash');
              var turns = {};
              function el(tag, cls, text) {
                var e = document.createElement(tag);
                if (cls) { e.className = cls; }
                if (text !== undefined) { e.textContent = text; }
                return e;
              }
              function turn(id) {
                var t = turns[id];
                if (!t) {
                  t = el('div', 'turn');
                  t.dataset.turn = id;
                  t.dataset.state = 'running';
                  live.appendChild(t);
                  turns[id] = t;
                }
                return t;
              }
              function answer(t) {
                var last = t.lastElementChild;
                if (last && last.classList.contains('answer')) { return last; }
                var a = el('div', 'answer');
                a.appendChild(el('b', 'who', 'agent: '));
                a.appendChild(el('span', 'text', ''));
                t.appendChild(a);
                return a;
              }
              function cell(tr, cls, text) { tr.appendChild(el('td', cls, text)); }
              function refresh() {
                fetch(base + '.json?agent=' + encodeURIComponent(agent), {credentials: 'same-origin'})
                  .then(function (r) { return r.json(); })
                  .then(function (s) {
                    var body = document.querySelector('#agent-turns tbody');
                    body.textContent = '';
                    s.turns.forEach(function (t) {
                      var tr = el('tr');
                      tr.dataset.turn = t.turnId;
                      tr.dataset.outcome = t.millis === null ? 'running' : (t.failed ? 'failed' : 'ended');
                      cell(tr, 'time', new Date(t.startedAt).toLocaleString());
                      cell(tr, 'author', t.author);
                      cell(tr, 'input', t.input.length > 160 ? t.input.substring(0, 160) + '\\u2026' : t.input);
                      cell(tr, 'outcome', t.outcome);
                      cell(tr, 'calls', String(t.modelCalls));
                      cell(tr, 'in', String(t.usage.input));
                      cell(tr, 'out', String(t.usage.output));
                      cell(tr, 'cache-read', String(t.usage.cacheRead));
                      cell(tr, 'cache-write', String(t.usage.cacheCreation));
                      var all = t.usage.cacheRead + t.usage.input;
                      cell(tr, 'hit', (all === 0 ? 0 : Math.round(100 * t.usage.cacheRead / all)) + ' %');
                      cell(tr, 'duration', t.millis === null ? '' : t.millis + ' ms');
                      body.appendChild(tr);
                    });
                    var queue = document.querySelector('#agent-queue tbody');
                    queue.textContent = '';
                    s.queue.forEach(function (q) {
                      var tr = el('tr');
                      tr.dataset.turn = q.turnId;
                      cell(tr, 'time', new Date(q.queuedAt).toLocaleString());
                      cell(tr, 'author', q.author);
                      cell(tr, 'body', q.body);
                      queue.appendChild(tr);
                    });
                    var state = document.querySelector('#agent-definition tr.state td');
                    if (state) { state.textContent = s.state + (s.problem ? ' \\u2014 ' + s.problem : ''); }
                  });
              }
              var source = new EventSource(base + '.events?agent=' + encodeURIComponent(agent));
              function on(name, f) {
                source.addEventListener(name, function (e) { f(JSON.parse(e.data)); });
              }
              on('ready', function () { root.dataset.streaming = 'true'; });
              on('turn-started', function (d) {
                var t = turn(d.turnId);
                if (d.input !== undefined) {
                  var i = el('div', 'input');
                  i.appendChild(el('b', 'who', d.author + ': '));
                  i.appendChild(el('span', 'text', d.input));
                  t.appendChild(i);
                }
                refresh();
              });
              on('text', function (d) { answer(turn(d.turnId)).querySelector('.text').textContent += d.delta; });
              on('thinking', function (d) {
                var t = turn(d.turnId);
                var th = t.querySelector('.thinking');
                if (!th) { th = el('div', 'thinking', ''); t.appendChild(th); }
                th.textContent += d.delta;
              });
              on('tool-called', function (d) {
                var c = el('div', 'tool-call', '\\u2192 ' + d.name + ' ' + d.arguments);
                c.dataset.call = d.callId;
                turn(d.turnId).appendChild(c);
              });
              on('tool-result', function (d) {
                var r = el('div', 'tool-result' + (d.error ? ' error' : ''), '\\u2190 ' + d.content);
                r.dataset.call = d.callId;
                turn(d.turnId).appendChild(r);
              });
              on('turn-ended', function (d) {
                var t = turn(d.turnId);
                t.dataset.state = 'ended';
                t.appendChild(el('div', 'end', d.reason + ' \\u00b7 ' + d.usage.input + ' in, ' + d.usage.output + ' out, '
                  + d.usage.cacheRead + ' cache read, ' + d.usage.cacheCreation + ' cache write'));
                refresh();
              });
              on('turn-failed', function (d) {
                var t = turn(d.turnId);
                t.dataset.state = 'failed';
                t.appendChild(el('div', 'failure', d.message));
                refresh();
              });
              document.getElementById('chat-form').addEventListener('submit', function (e) {
                e.preventDefault();
                var action = e.submitter && e.submitter.value === 'cancel' ? 'cancel' : 'send';
                var box = e.target.querySelector('textarea');
                var body = new URLSearchParams({action: action, agent: agent, text: box.value, csrf: csrf});
                fetch(base + '.json', {method: 'POST', body: body, credentials: 'same-origin'})
                  .then(function (r) { return r.json(); })
                  .then(function (d) {
                    flash.textContent = d.message;
                    flash.dataset.error = String(!d.ok);
                    if (d.ok && action === 'send') { box.value = ''; }
                    refresh();
                  });
              });
            })();
            """;
}
