package dev.trellis.gateway.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.provider.testing.FakeLlmServer;
import dev.trellis.provider.testing.RecordedRequest;
import dev.trellis.provider.testing.Reply;
import dev.trellis.provider.testing.StubCredentials;
import dev.trellis.testing.SurefireSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The hot-swap acceptance test with a real HTTP provider: 50 concurrent streaming requests through the gateway
 * to {@code openai/gpt-4o}, answered over loopback by a fake OpenAI server speaking Chat Completions SSE, while
 * the {@code dev.trellis.provider.openai} bundle is updated in place 10 times, each time once a round of requests
 * completed on the serving instance and at least 25 streams run — 0 failed requests, every stream
 * complete, in order and carrying its own request's echo, each request sent to the server exactly once (no
 * retry hides a cut stream), every replaced instance removed with streams running and drained.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class OpenAiSwapTest {

    private static final int CLIENTS = 50;
    private static final int UPDATES = 10;
    private static final ModelId MODEL = ModelId.parse("openai/gpt-4o");
    private static final String KEY = "sk-itest-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 10_000)
    ModelGateway gateway;

    @InjectService
    ConfigurationAdmin cm;

    private FakeLlmServer server;
    private ServiceRegistration<CredentialResolver> credentials;
    private Configuration provider;
    private Configuration gatewayConfig;
    private Path work;
    private Path jar;
    private Swaps swaps;

    @BeforeEach
    void pointTheProviderAtAFakeServer() throws Exception {
        jar = ProviderJars.openai(ctx);
        swaps = new Swaps(ctx, gateway, "openai");
        work = Files.createTempDirectory("trellis-openai-swap-");
        server = FakeLlmServer.start().answer(OpenAiSwapTest::chatCompletion);
        credentials = ctx.registerService(CredentialResolver.class, StubCredentials.apiKey(KEY),
                new Hashtable<>(Map.of(Constants.SERVICE_RANKING, Integer.MAX_VALUE)));

        // 50 clients make hundreds of requests a minute: no gateway budget for openai here (the default is 60/min);
        // a longer swap history so every update's events are kept
        gatewayConfig = cm.getConfiguration("dev.trellis.gateway", "?");
        Dictionary<String, Object> g = new Hashtable<>();
        g.put("rate.limits", new String[] {"scripted=0/0", "openai=0/0"});
        g.put("swap.history", 500);
        gatewayConfig.update(g);

        provider = cm.getConfiguration("dev.trellis.provider.openai", "?");
        provider.update(new Hashtable<>(Map.of("chat.base.url", server.url("/v1"))));
        String filter = "(&(" + ModelProvider.PROVIDER_ID + "=openai)(chat.base.url=" + server.url("/v1") + "))";
        await("the gateway serves openai from the instance configured for the fake server").atMost(Swaps.TIMEOUT).until(() -> {
            var refs = ctx.getServiceReferences(ModelProvider.class, filter);
            return refs.size() == 1 && swaps.serving()
                    .map(i -> refs.iterator().next().getProperty(Constants.SERVICE_ID).equals(i.serviceId())).orElse(false);
        });
        await("no gateway budget for openai").atMost(Swaps.TIMEOUT).until(() -> gateway.snapshot().providers().stream()
                .filter(d -> d.status().providerId().equals("openai")).anyMatch(d -> d.rateLimit().unlimited()));
    }

    @AfterEach
    void restore() throws Exception {
        swaps.restore(swaps.installed(ProviderJars.OPENAI_BSN, "trellis-gateway-drop-"), jar);
        provider.delete();
        gatewayConfig.delete();
        credentials.unregister();
        server.close();
        Swaps.deleteDir(work);
    }

    @Test
    void tenUpdatesOfTheOpenAiBundleUnderFiftyStreamsFailNoRequest() throws Exception {
        Bundle openai = swaps.installed(ProviderJars.OPENAI_BSN, "trellis-gateway-drop-");
        long bundleId = openai.getBundleId();
        String first = openai.getVersion().toString();
        List<Version> versions = new ArrayList<>();
        List<Integer> inFlightAtUpdate = new ArrayList<>();
        List<SwapLoad.Outcome> outcomes;
        try (SwapLoad load = new SwapLoad(gateway, CLIENTS, MODEL, (prompt, tail) -> tail.equals(prompt))) {
            for (int k = 1; k <= UPDATES; k++) {
                load.awaitMore(CLIENTS);
                inFlightAtUpdate.add(swaps.awaitStreams(CLIENTS / 2));
                Version v = new Version(0, 1, 300 + k);
                Swaps.update(openai, ProviderJars.withVersion(jar, v, work));
                swaps.awaitServing(v);
                versions.add(v);
            }
            load.awaitMore(CLIENTS);
            outcomes = load.finish();
        }

        Map<String, Long> problems = outcomes.stream().map(SwapLoad.Outcome::problem).filter(p -> !p.isEmpty())
                .collect(Collectors.groupingBy(p -> p, Collectors.counting()));
        System.out.println("[INFO] OpenAI in-place swap: " + outcomes.size() + " requests, " + UPDATES + " updates, "
                + problems.values().stream().mapToLong(Long::longValue).sum() + " failed; in flight at the updates: "
                + inFlightAtUpdate);
        assertThat(problems).as("failed or incomplete streams").isEmpty();
        assertThat(outcomes.size()).as("requests made").isGreaterThan(CLIENTS * (UPDATES + 1));
        Map<String, Long> sent = server.requests().stream().map(OpenAiSwapTest::prompt)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(sent).as("each request reached the server exactly once")
                .containsOnlyKeys(outcomes.stream().map(SwapLoad.Outcome::prompt).toList())
                .allSatisfy((prompt, n) -> assertThat(n).as(prompt).isEqualTo(1L));
        assertThat(openai.getBundleId()).as("updated in place").isEqualTo(bundleId);
        assertThat(inFlightAtUpdate).as("streams in flight at each update").allMatch(n -> n >= CLIENTS / 2);

        List<SwapEvent> history = gateway.snapshot().swaps().stream().filter(s -> s.providerId().equals("openai")).toList();
        List<String> replaced = new ArrayList<>(List.of(first));
        versions.subList(0, UPDATES - 1).forEach(v -> replaced.add(v.toString()));
        for (String v : replaced) {
            assertThat(history).as("version " + v + " removed with streams running, then drained: " + history)
                    .anyMatch(s -> s.kind() == SwapEvent.Kind.REMOVED && s.bundleVersion().equals(v) && s.inFlight() > 0)
                    .anyMatch(s -> s.kind() == SwapEvent.Kind.DRAINED && s.bundleVersion().equals(v));
        }
        assertThat(history).noneMatch(s -> s.kind() == SwapEvent.Kind.DRAIN_TIMEOUT);
        assertThat(swaps.serving().orElseThrow().served()).as("the last version served").isPositive();
    }

    /** The user's text the provider sent (Chat Completions body: the last message). */
    private static String prompt(RecordedRequest r) {
        JsonNode messages = r.json().path("messages");
        return messages.path(messages.size() - 1).path("content").asText();
    }

    /**
     * A Chat Completions stream as OpenAI sends it, one SSE event per write, 10 ms apart: the role chunk, the ten
     * {@link SwapLoad#WORDS}, the request's own prompt (so a stream that crossed to another request shows),
     * the finish chunk, the usage chunk ({@code stream_options.include_usage}), {@code [DONE]}.
     */
    private static Reply chatCompletion(RecordedRequest request) {
        List<String> events = new ArrayList<>();
        events.add(chunk(delta -> delta.put("role", "assistant").put("content", ""), null));
        for (String w : SwapLoad.WORDS) {
            events.add(chunk(delta -> delta.put("content", w), null));
        }
        events.add(chunk(delta -> delta.put("content", prompt(request)), null));
        events.add(chunk(delta -> { }, "stop"));
        events.add("data: {\"id\":\"chatcmpl-itest\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":11,"
                + "\"total_tokens\":23,\"prompt_tokens_details\":{\"cached_tokens\":0}}}\n\n");
        events.add("data: [DONE]\n\n");
        return Reply.sse("").inChunks(events).paced(Duration.ofMillis(10));
    }

    private static String chunk(java.util.function.Consumer<ObjectNode> delta, String finish) {
        ObjectNode c = JSON.createObjectNode().put("id", "chatcmpl-itest").put("object", "chat.completion.chunk")
                .put("created", 1741569952).put("model", "gpt-4o-2024-08-06");
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        delta.accept(choice.putObject("delta"));
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return "data: " + c + "\n\n";
    }
}
