package dev.trellis.itest;

import static org.awaitility.Awaitility.await;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Helpers of the agent and messaging tests: a test model gateway, agent configurations, event recording. */
final class AgentFixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private AgentFixtures() {
    }

    /** A fresh, valid agent id for this run (the itest home outlives runs). */
    static String uniqueAgent(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** Creates (or replaces) the factory configuration dev.trellis.agent~name. */
    static Configuration agent(ConfigurationAdmin cm, String name, Map<String, Object> props) throws Exception {
        Configuration c = cm.getFactoryConfiguration("dev.trellis.agent", name, "?");
        c.update(new Hashtable<>(props));
        return c;
    }

    static void awaitAgent(AgentRuntime runtime, String name) {
        await("agent " + name).atMost(TIMEOUT).until(() -> runtime.status(AgentId.of(name)).isPresent());
    }

    /**
     * A model gateway registered by the test with a high ranking, so the agent runtime's greedy reference
     * prefers it over a real gateway. It plays queued scripts in order, then echoes the last input.
     */
    static final class TestGateway implements ModelGateway {
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
        private final ConcurrentLinkedQueue<Object> scripts = new ConcurrentLinkedQueue<>();
        private ServiceRegistration<ModelGateway> registration;

        TestGateway register(BundleContext ctx) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 1000);
            registration = ctx.registerService(ModelGateway.class, this, props);
            return this;
        }

        void unregister() {
            if (registration != null) {
                registration.unregister();
                registration = null;
            }
        }

        /** The next answer: these events. */
        TestGateway then(StreamEvent... events) {
            scripts.add(List.of(events));
            return this;
        }

        /** The next answer waits for the returned latch (and counts down {@code started} when it begins). */
        CountDownLatch hold(CountDownLatch started) {
            CountDownLatch release = new CountDownLatch(1);
            scripts.add(new CountDownLatch[] {started, release});
            return release;
        }

        static StreamEvent[] text(String text) {
            return new StreamEvent[] {new StreamEvent.TextDelta(text), new StreamEvent.Usage(12, 4, 0, 0),
                    new StreamEvent.Stop(StopReason.END_TURN)};
        }

        static StreamEvent[] tool(String id, String name, String args) {
            return new StreamEvent[] {new StreamEvent.ToolCallStart(0, id, name), new StreamEvent.ToolCallDelta(0, args),
                    new StreamEvent.ToolCallEnd(0), new StreamEvent.Usage(20, 6, 0, 0), new StreamEvent.Stop(StopReason.TOOL_USE)};
        }

        static String lastInput(ChatRequest r) {
            for (int i = r.messages().size() - 1; i >= 0; i--) {
                if (r.messages().get(i).role() == Role.USER && r.messages().get(i).parts().getLast() instanceof ContentPart.Text t) {
                    return t.text();
                }
            }
            return "";
        }

        @Override
        public StreamHandle stream(ChatRequest request, StreamListener listener) {
            requests.add(request);
            CompletableFuture<StopReason> done = new CompletableFuture<>();
            CountDownLatch cancelled = new CountDownLatch(1);
            Object script = scripts.poll();
            Thread.ofVirtual().start(() -> {
                Object s = script;
                try {
                    while (s instanceof CountDownLatch[] held) {
                        held[0].countDown();
                        while (!held[1].await(10, TimeUnit.MILLISECONDS)) {
                            if (cancelled.getCount() == 0) {
                                throw new ModelException(new ModelError.Cancelled());
                            }
                        }
                        s = scripts.poll();
                    }
                    @SuppressWarnings("unchecked")
                    List<StreamEvent> events = s == null ? List.of(text("echo: " + lastInput(request))) : (List<StreamEvent>) s;
                    for (StreamEvent e : events) {
                        listener.onEvent(e);
                        if (e instanceof StreamEvent.Stop stop) {
                            done.complete(stop.reason());
                        }
                    }
                } catch (ModelException e) {
                    listener.onError(e);
                    done.completeExceptionally(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return new StreamHandle() {
                public void cancel() {
                    cancelled.countDown();
                }

                public CompletionStage<StopReason> completion() {
                    return done;
                }
            };
        }

        @Override
        public List<ModelInfo> models() {
            return List.of();
        }

        @Override
        public List<ProviderStatus> status() {
            return List.of();
        }
    }

    /** Records one agent's events. */
    static final class Events {
        final List<AgentEvent> all = Collections.synchronizedList(new ArrayList<>());

        static Events of(AgentRuntime runtime, String agent) {
            Events e = new Events();
            runtime.listen(AgentId.of(agent), e.all::add);
            return e;
        }

        long ends() {
            synchronized (all) {
                return all.stream().filter(e -> e instanceof AgentEvent.TurnEnded || e instanceof AgentEvent.TurnFailed).count();
            }
        }

        void awaitTurns(int n) {
            await(n + " turns").atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> ends() >= n);
        }

        <T extends AgentEvent> List<T> of(Class<T> type) {
            synchronized (all) {
                return all.stream().filter(type::isInstance).map(type::cast).toList();
            }
        }
    }

    /** Installs and starts the plugin jar named by run property {@code property} (see itest.bndrun). */
    static Bundle installPlugin(BundleContext ctx, String property) throws Exception {
        String path = ctx.getProperty(property);
        if (path == null || !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(path))) {
            throw new IllegalStateException("run property " + property + " (" + path + ") is not a built jar; see bndrun/itest.bndrun");
        }
        Bundle b;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(path))) {
            b = ctx.installBundle("itest:" + property + ":" + System.nanoTime(), in);
        }
        b.start();
        return b;
    }

    /** A bundle with only a manifest, importing the agent, messaging and memory API packages. */
    static Bundle installProbe(BundleContext ctx, String bsn) throws Exception {
        byte[] jar = Jars.manifestOnly(Map.of(
                "Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", bsn,
                "Bundle-Version", "1.0.0",
                "Import-Package", "dev.trellis.api.agent, dev.trellis.api.messaging, dev.trellis.api.memory"));
        Bundle probe = ctx.installBundle("itest:" + bsn + ":" + System.nanoTime(), new ByteArrayInputStream(jar));
        probe.start();
        return probe;
    }
}
