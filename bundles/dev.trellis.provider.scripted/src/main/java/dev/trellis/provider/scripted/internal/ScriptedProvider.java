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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The scripted {@link ModelProvider}: {@code scripted/echo} repeats the last user message; other models play
 * the turns of their script (files named by {@code script.files}, or {@code dev.trellis.provider.scripted.model}
 * factory configurations). Offline and deterministic, so a fresh host has a working model and tests can
 * script whole agent conversations, errors included.
 *
 * <p>The factory configurations are read here (ConfigurationAdmin plus a ConfigurationListener), not by
 * components of their own: such components bind only after the provider is registered, so after a bundle
 * update the gateway would route to an instance that does not know the configured models yet. Tried first;
 * the hot-swap test failed thousands of requests in that moment.
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
@Component(service = {ModelProvider.class, ConfigurationListener.class},
        // the model list is in memory and follows the scripts: the gateway must not cache it
        // ("provider.models.ttl" is ModelGateway.MODELS_TTL; the literal keeps this bundle off the gateway package)
        property = {ModelProvider.PROVIDER_ID + "=" + Rehearsal.PROVIDER, "provider.models.ttl:Integer=0"},
        configurationPid = ScriptedProvider.PID, immediate = true)
@Designate(ocd = ScriptedConfig.class)
public final class ScriptedProvider implements ModelProvider, ConfigurationListener {

    static final String PID = "dev.trellis.provider.scripted";
    /** One factory configuration = one model; read here, not by components of their own (see the class comment). */
    static final String FACTORY_PID = "dev.trellis.provider.scripted.model";
    static final String ECHO = "echo";
    static final ModelInfo ECHO_INFO = new ModelInfo(new ModelId(Rehearsal.PROVIDER, ECHO),
            "Echo: streams back the last user message", OptionalInt.empty(), true, false);

    private final ModelCatalog catalog;
    private final InFlight inFlight = new InFlight();
    private final Problems log;
    private final String instance;
    private final ConfigurationAdmin cm;
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
            @Reference(service = LoggerFactory.class) Logger log,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigurationAdmin cm) {
        this(config, context.getBundle().getVersion() + "#" + properties.get("component.id"), new LogProblems(log), cm);
    }

    /** For tests: {@code instance} names this instance in {@code ${instance}}; {@code cm} may be null. */
    ScriptedProvider(ScriptedConfig config, String instance, Problems problems, ConfigurationAdmin cm) {
        this.log = problems;
        this.cm = cm;
        this.instance = instance;
        this.catalog = new ModelCatalog(problems);
        this.watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("trellis-scripted-watch").factory());
        apply(Settings.of(config));
        readDefinitions();
    }

    /**
     * Reads every model configuration now, before the service is handed to anyone: SCR creates an immediate
     * component's object before a consumer gets it, so the gateway never sees this instance without the
     * configured models (after a bundle update, in particular). Later changes arrive as configuration events.
     */
    private void readDefinitions() {
        if (cm == null) {
            return;
        }
        try {
            Configuration[] all = cm.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + FACTORY_PID + ")");
            for (Configuration c : all == null ? new Configuration[0] : all) {
                define(c.getPid(), c.getProperties());
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("scripted: cannot read the " + FACTORY_PID + " configurations: " + e);
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (!FACTORY_PID.equals(event.getFactoryPid()) || cm == null) {
            return;
        }
        String pid = event.getPid();
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            undefine(pid);
            return;
        }
        if (event.getType() != ConfigurationEvent.CM_UPDATED) {
            return;
        }
        try {
            // listConfigurations, unlike getConfiguration, does not bind the configuration to this bundle
            Configuration[] found = cm.listConfigurations("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + pid + ")");
            if (found != null && found.length == 1) {
                define(pid, found[0].getProperties());
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("scripted: cannot read configuration " + pid + ": " + e);
        }
    }

    private void define(String pid, Dictionary<String, Object> properties) {
        if (properties == null) {
            return;
        }
        Object name = properties.get("name");
        Object script = properties.get("script");
        define(pid, modelName(name == null ? "" : name.toString(), pid), script == null ? "" : script.toString());
    }

    /** The configured name, else the part of the PID after '~' (File Install's {@code <factoryPid>-<name>.cfg}). */
    static String modelName(String configured, String pid) {
        if (!configured.isBlank()) {
            return configured.strip();
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
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
        // counted from the first line: deactivate waits for it, so the bundle's classes stay loadable meanwhile
        InFlight.Ticket ticket = inFlight.enter();
        if (ticket == null) {
            throw new ModelException(new ModelError.ProviderUnavailable(Rehearsal.PROVIDER));
        }
        try {
            return start(request, listener, ticket);
        } catch (RuntimeException | Error e) {
            ticket.leave(null);
            throw e;
        }
    }

    private StreamHandle start(ChatRequest request, StreamListener listener, InFlight.Ticket ticket) {
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
        return ScriptedStream.start(model, actions, listener, ticket);
    }

    /** Defines (or redefines) the model of configuration {@code pid}. */
    void define(String pid, String name, String script) {
        catalog.define(pid, name, script);
    }

    /** Forgets the model of configuration {@code pid}. */
    void undefine(String pid) {
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
