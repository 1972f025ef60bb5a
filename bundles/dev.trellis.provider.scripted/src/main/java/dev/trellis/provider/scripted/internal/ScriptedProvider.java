package dev.trellis.provider.scripted.internal;

import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import dev.trellis.provider.scripted.internal.play.Action;
import dev.trellis.provider.scripted.internal.play.Conversation;
import dev.trellis.provider.scripted.internal.play.InFlight;
import dev.trellis.provider.scripted.internal.play.Rehearsal;
import dev.trellis.provider.scripted.internal.play.ScriptedStream;
import dev.trellis.provider.scripted.internal.play.Selection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The scripted {@link ModelProvider}: {@code scripted/echo} repeats the last user message; other models play
 * the turns of their script (files named by {@code script.files}, or {@code dev.trellis.provider.scripted.model}
 * factory configurations). Offline and deterministic, so a fresh host has a working model and tests can
 * script whole agent conversations, errors included.
 *
 * <p>Problems with scripts are logged with file, line and field, and never stop the provider: other models
 * keep working, and a model whose new definition is broken keeps its previous one.
 *
 * <p>On deactivation (bundle update, uninstall) it takes no new streams and waits, bounded by
 * {@code drain.timeout.ms}, for the running ones to finish: by then the gateway routes new requests to the
 * replacement, so a swap fails no request.
 *
 * <p>Immediate, so script files are read, and their problems reported, when the bundle starts rather than at
 * the first request.
 */
@Component(service = {ModelProvider.class, ScriptCatalog.class},
        property = ModelProvider.PROVIDER_ID + "=" + Rehearsal.PROVIDER,
        configurationPid = ScriptedProvider.PID, immediate = true)
@Designate(ocd = ScriptedConfig.class)
public final class ScriptedProvider implements ModelProvider, ScriptCatalog {

    static final String PID = "dev.trellis.provider.scripted";
    static final String ECHO = "echo";
    static final ModelInfo ECHO_INFO = new ModelInfo(new ModelId(Rehearsal.PROVIDER, ECHO),
            "Echo: streams back the last user message", OptionalInt.empty(), true, false);

    private final ModelCatalog catalog;
    private final InFlight inFlight = new InFlight();
    private final Problems log;
    private final String instance;
    private final ScheduledExecutorService watcher;
    private volatile Settings settings;
    private ScheduledFuture<?> watch;

    private record Settings(List<Path> files, Duration poll, Duration echoPause, Duration drain) {
        static Settings of(ScriptedConfig c) {
            List<Path> files = Arrays.stream(c.script_files()).map(String::strip).filter(s -> !s.isEmpty())
                    .map(Path::of).toList();
            return new Settings(files, Duration.ofMillis(Math.max(0, c.script_poll_ms())),
                    Duration.ofMillis(Math.max(0, c.echo_delay_ms())), Duration.ofMillis(Math.max(0, c.drain_timeout_ms())));
        }
    }

    @Activate
    public ScriptedProvider(ScriptedConfig config, BundleContext context, Map<String, Object> properties,
            @Reference(service = LoggerFactory.class) Logger log) {
        this(config, context.getBundle().getVersion() + "#" + properties.get("component.id"), new LogProblems(log));
    }

    /** For tests: {@code instance} names this instance in {@code ${instance}}. */
    ScriptedProvider(ScriptedConfig config, String instance, Problems problems) {
        this.log = problems;
        this.instance = instance;
        this.catalog = new ModelCatalog(problems);
        this.watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("trellis-scripted-watch").factory());
        apply(Settings.of(config));
    }

    @Modified
    void modified(ScriptedConfig config) {
        apply(Settings.of(config));
    }

    private synchronized void apply(Settings s) {
        settings = s;
        catalog.useFiles(s.files());
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
        if (!s.files().isEmpty() && !s.poll().isZero()) {
            long ms = s.poll().toMillis();
            watch = watcher.scheduleWithFixedDelay(this::rescan, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the script files that changed (the watcher calls this every {@code script.poll.ms}). */
    void rescan() {
        try {
            catalog.rescan();
        } catch (RuntimeException e) {
            // keep watching: one bad read must not end the watch
            log.warn("scripted: checking the script files failed: " + e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        watcher.shutdownNow();
        Duration bound = settings.drain();
        int running = inFlight.count();
        List<ScriptedStream> left = inFlight.closeAndDrain(bound);
        if (!left.isEmpty()) {
            log.warn("scripted: stopping with " + left.size() + " stream(s) still running after " + bound.toMillis()
                    + " ms; they end with ProviderUnavailable");
            left.forEach(s -> s.stop(new ModelError.ProviderUnavailable(Rehearsal.PROVIDER)));
        } else if (running > 0) {
            log.info("scripted: " + running + " running stream(s) finished before the provider stopped");
        }
    }

    @Override
    public String id() {
        return Rehearsal.PROVIDER;
    }

    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> all = new ArrayList<>();
        all.add(ECHO_INFO);
        all.addAll(catalog.infos());
        return all;
    }

    @Override
    public StreamHandle stream(ChatRequest request, StreamListener listener) {
        if (inFlight.closed()) {
            throw new ModelException(new ModelError.ProviderUnavailable(Rehearsal.PROVIDER));
        }
        String model = request.model().model();
        Conversation conversation = Conversation.of(request);
        List<Action> actions;
        if (model.equals(ECHO)) {
            actions = Rehearsal.echo(conversation, settings.echoPause());
        } else {
            Selection selection = catalog.find(model).orElseThrow(() -> new ModelException(
                    new ModelError.BadRequest(Rehearsal.PROVIDER, catalog.missing(model))));
            Selection.Chosen chosen = selection.choose(conversation).orElseThrow(() -> new ModelException(
                    new ModelError.BadRequest(Rehearsal.PROVIDER, "scripted/" + model + " has no turn for this request"
                            + " (turn index " + conversation.index() + ", last message: " + lastMessage(conversation)
                            + "); add a turn without 'when' as a fallback")));
            actions = Rehearsal.turn(chosen, conversation, model, instance, selection.model().pause());
        }
        return ScriptedStream.start(model, actions, listener, inFlight);
    }

    @Override
    public void define(String pid, String name, String script) {
        catalog.define(pid, name, script);
    }

    @Override
    public void undefine(String pid) {
        catalog.undefine(pid);
    }

    /** Streams running on this instance now. */
    int inFlight() {
        return inFlight.count();
    }

    private static String lastMessage(Conversation c) {
        String text = c.lastToolResults().isPresent() ? "tool result '" + c.lastToolText() + "'" : "user '" + c.lastUser() + "'";
        return text.length() > 120 ? text.substring(0, 119) + "…'" : text;
    }

    /** Problems go to the OSGi log (the console shows warnings under Recent problems). */
    private record LogProblems(Logger log) implements Problems {
        @Override
        public void warn(String message) {
            log.warn(message);
        }

        @Override
        public void info(String message) {
            log.info(message);
        }
    }
}
