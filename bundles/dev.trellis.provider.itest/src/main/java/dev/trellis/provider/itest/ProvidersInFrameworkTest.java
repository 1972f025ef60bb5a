package dev.trellis.provider.itest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.api.model.StopReason;
import dev.trellis.provider.testing.FakeLlmServer;
import dev.trellis.provider.testing.RecordingListener;
import dev.trellis.provider.testing.Reply;
import dev.trellis.provider.testing.Sse;
import dev.trellis.provider.testing.StubCredentials;
import dev.trellis.testing.SurefireSummary;
import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The three HTTP providers in the host configuration: registered as {@code ModelProvider} with their
 * {@code provider.id}, answering without credentials with a clear {@code Unauthorized}, and streaming
 * from a loopback fake server through the OSGi service with a {@code CredentialResolver} test double
 * registered in the framework (ranked above any real resolver, so the test holds after auth is merged).
 * A configuration change while a stream runs re-creates the component: the old one finishes the stream.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class ProvidersInFrameworkTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    ConfigurationAdmin configAdmin;

    private final FakeLlmServer server = FakeLlmServer.start();
    private ServiceRegistration<CredentialResolver> credentials;
    private Configuration config;

    @BeforeEach
    void setUp() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> providerIds().containsAll(
                List.of("openai", "anthropic", "gemini")));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (credentials != null) {
            credentials.unregister();
        }
        if (config != null) {
            config.delete();
        }
        server.close();
    }

    private List<String> providerIds() throws Exception {
        Collection<ServiceReference<ModelProvider>> refs = context.getServiceReferences(ModelProvider.class, null);
        return refs.stream().map(r -> String.valueOf(r.getProperty(ModelProvider.PROVIDER_ID))).toList();
    }

    private ModelProvider provider(String filter) throws Exception {
        Collection<ServiceReference<ModelProvider>> refs = context.getServiceReferences(ModelProvider.class, filter);
        assertThat(refs).as("services matching %s", filter).hasSize(1);
        return context.getService(refs.iterator().next());
    }

    private void register(CredentialResolver resolver) {
        Dictionary<String, Object> props = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, Integer.MAX_VALUE));
        credentials = context.registerService(CredentialResolver.class, resolver, props);
    }

    @Test
    void theThreeProvidersRegisterFromTheirOwnBundles() throws Exception {
        for (String id : List.of("openai", "anthropic", "gemini")) {
            ServiceReference<ModelProvider> ref = context.getServiceReferences(ModelProvider.class, "(provider.id=" + id + ")")
                    .iterator().next();
            Bundle b = ref.getBundle();
            assertThat(b.getSymbolicName()).isEqualTo("dev.trellis.provider." + id);
            assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
            assertThat(context.getService(ref).id()).isEqualTo(id);
            // leaf bundles: nothing is exported, so nothing is wired to them
            assertThat(b.getHeaders().get(Constants.EXPORT_PACKAGE)).isNull();
        }
    }

    @Test
    void withoutCredentialsEachProviderAnswersUnauthorizedWithTheFix() throws Exception {
        register(StubCredentials.none());
        Map<String, String> fixes = Map.of("openai/gpt-5-codex", "OPENAI_API_KEY", "anthropic/claude-sonnet-4-5",
                "ANTHROPIC_API_KEY", "gemini/gemini-2.5-flash", "GEMINI_API_KEY");
        for (var e : fixes.entrySet()) {
            ModelId model = ModelId.parse(e.getKey());
            RecordingListener l = new RecordingListener();
            provider("(provider.id=" + model.provider() + ")").stream(ChatRequest.of(model, "", "hi"), l);
            l.await(Duration.ofSeconds(5));
            assertThat(l.error()).get().isInstanceOf(ModelError.Unauthorized.class);
            assertThat(l.exception().getMessage()).contains(e.getValue())
                    .contains("./trellis auth login --provider " + model.provider());
        }
    }

    @Test
    void streamsFromTheFakeServerThroughTheServiceAndDrainsOnReconfiguration() throws Exception {
        register(StubCredentials.apiKey("sk-itest-0123456789abcdef"));
        config = configAdmin.getConfiguration("dev.trellis.provider.openai", "?");
        config.update(new Hashtable<>(Map.of("chat.base.url", server.url("/v1"))));
        String filter = "(&(provider.id=openai)(chat.base.url=" + server.url("/v1") + "))";
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                context.getServiceReferences(ModelProvider.class, filter).size() == 1);

        String events = Sse.events()
                .data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":null}]}")
                .data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" from OSGi\"},\"finish_reason\":\"stop\"}]}")
                .data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}")
                .data("[DONE]").build();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch reached = new CountDownLatch(1);
        server.enqueue(Reply.sse(events).reachedText("data: [DONE]", reached).pauseBeforeText("data: [DONE]", gate));
        RecordingListener l = new RecordingListener();
        provider(filter).stream(ChatRequest.of(ModelId.parse("openai/gpt-4o"), "", "hi"), l);
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();

        // A configuration change re-creates the component. SCR unregisters the old service first, then calls
        // its deactivate, which waits for this stream (bounded by drain.timeout.ms); the new instance is
        // registered only after that. So: the old service goes, the stream is still running, and once it
        // completes the new instance appears.
        config.update(new Hashtable<>(Map.of("chat.base.url", server.url("/v1"), "drain.timeout.ms", 20000)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                context.getServiceReferences(ModelProvider.class, "(provider.id=openai)").isEmpty());
        assertThat(l.isDone()).as("the old instance still streams while it is being deactivated").isFalse();
        gate.countDown();
        l.await(Duration.ofSeconds(10));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                context.getServiceReferences(ModelProvider.class, "(&(provider.id=openai)(drain.timeout.ms=20000))").size() == 1);
        assertThat(l.violations()).isEmpty();
        assertThat(l.text()).isEqualTo("Hello from OSGi");
        assertThat(l.stop()).contains(StopReason.END_TURN);
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().getFirst().path()).isEqualTo("/v1/chat/completions");
        assertThat(server.requests().getFirst().header("authorization")).contains("Bearer sk-itest-0123456789abcdef");
    }
}
