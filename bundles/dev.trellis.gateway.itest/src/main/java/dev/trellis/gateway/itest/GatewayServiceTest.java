package dev.trellis.gateway.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import dev.trellis.api.gateway.RecentError;
import dev.trellis.api.model.CacheProfile;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.GenerationParams;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.testing.SurefireSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The gateway and the scripted provider as the host wires them: DS, ConfigurationAdmin, the log. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class GatewayServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 10_000)
    ModelGateway gateway;

    @InjectService
    ConfigurationAdmin cm;

    @InjectService
    LogReaderService logs;

    private final List<Configuration> made = new ArrayList<>();

    @AfterEach
    void deleteConfigurations() throws Exception {
        for (Configuration c : made) {
            c.delete();
        }
    }

    @Test
    void aFreshHostAnswersWithScriptedEchoAndShowsWhoServed() throws Exception {
        assertThat(gateway.defaultModel()).as("no credentials anywhere").isEqualTo(ModelGateway.FALLBACK_MODEL);
        Streams s = ask(ChatRequest.of(gateway.defaultModel(), "", "hello from the framework"));
        assertThat(s.error()).isNull();
        assertThat(s.text()).isEqualTo("hello from the framework");
        assertThat(s.events().getLast()).isEqualTo(new StreamEvent.Stop(StopReason.END_TURN));

        ProviderDetails scripted = gateway.snapshot().providers().stream()
                .filter(p -> p.status().providerId().equals("scripted")).findFirst().orElseThrow();
        ProviderInstance serving = scripted.instances().getFirst();
        assertThat(serving.role()).isEqualTo(ProviderInstance.Role.SERVING);
        assertThat(serving.bundleSymbolicName()).isEqualTo(ProviderJars.BSN);
        assertThat(ctx.getBundle(serving.bundleId()).getSymbolicName()).isEqualTo(ProviderJars.BSN);
        assertThat(scripted.models()).extracting(m -> m.id().toString()).contains("scripted/echo");
        assertThat(scripted.rateLimit().unlimited()).isTrue();
    }

    @Test
    void aScriptedToolCallConversationPlaysThroughTheGateway() throws Exception {
        define("notes", "{turns: [{when: {index: 0, user: 'remember (.+)'}, reply: [{say: ok}, {call: memory_append,"
                + " args: {address: 'local:t/notes', text: '${1}'}}]}, {when: {tool: '.*'}, reply: ['done: ${tool}']}]}");
        ChatRequest first = ChatRequest.of(ModelId.parse("scripted/notes"), "", "remember the milk");
        Streams call = ask(first);
        assertThat(call.error()).isNull();
        assertThat(call.events()).contains(new StreamEvent.ToolCallStart(0, "call_0_0", "memory_append"),
                new StreamEvent.ToolCallEnd(0));
        String args = call.events().stream().filter(e -> e instanceof StreamEvent.ToolCallDelta)
                .map(e -> ((StreamEvent.ToolCallDelta) e).argumentsFragment()).reduce("", String::concat);
        assertThat(args).isEqualTo("{\"address\":\"local:t/notes\",\"text\":\"the milk\"}");
        assertThat(call.events().getLast()).isEqualTo(new StreamEvent.Stop(StopReason.TOOL_USE));

        ChatRequest second = new ChatRequest(first.model(), "", List.of(first.messages().getFirst(),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_0_0", "memory_append", args))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("call_0_0", "appended at revision 2", false)))),
                List.of(), GenerationParams.DEFAULT, CacheProfile.DEFAULT);
        Streams done = ask(second);
        assertThat(done.text()).isEqualTo("done: appended at revision 2");
        assertThat(done.events().getLast()).isEqualTo(new StreamEvent.Stop(StopReason.END_TURN));
    }

    @Test
    void aScriptedRateLimitIsRetriedWithoutTheCallerNoticing() throws Exception {
        define("flaky", "[{times: 2, reply: [{error: rate_limited, retry_after: 50ms}]}, [recovered]]");
        Streams s = ask(ChatRequest.of(ModelId.parse("scripted/flaky"), "", "x"));
        assertThat(s.error()).isNull();
        assertThat(s.text()).isEqualTo("recovered");
        List<RecentError> errors = gateway.snapshot().providers().stream()
                .filter(p -> p.status().providerId().equals("scripted")).findFirst().orElseThrow().recentErrors();
        assertThat(errors).filteredOn(e -> e.model().toString().equals("scripted/flaky"))
                .extracting(RecentError::kind, RecentError::retried)
                .containsExactly(org.assertj.core.api.Assertions.tuple("RateLimited", true),
                        org.assertj.core.api.Assertions.tuple("RateLimited", true));
    }

    @Test
    void anUnknownProviderFailsAfterTheConfiguredWait() throws Exception {
        Configuration g = cm.getConfiguration("dev.trellis.gateway", "?");
        made.add(g);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("provider.wait.ms", 300L);
        g.update(p);
        await("the shorter wait applies").atMost(TIMEOUT).untilAsserted(() -> {
            long start = System.nanoTime();
            Streams s = ask(ChatRequest.of(ModelId.parse("nope/model"), "", "x"));
            assertThat(s.error().error()).isEqualTo(new ModelError.ProviderUnavailable("nope"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(290), Duration.ofSeconds(2));
        });
    }

    @Test
    void aWatchedScriptFileIsReReadAndABrokenVersionIsReportedWithItsLocation() throws Exception {
        Path script = Files.createTempFile("trellis-script-", ".yaml");
        try {
            Files.writeString(script, "models:\n  watched: [[first]]\n");
            Configuration c = cm.getConfiguration("dev.trellis.provider.scripted", "?");
            made.add(c);
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("script.files", new String[] {script.toString()});
            p.put("script.poll.ms", 100);
            c.update(p);
            await("the file's model").atMost(TIMEOUT).until(() -> said("watched").equals("first"));

            Files.writeString(script, "models:\n  watched: [[second]]\n");
            Files.setLastModifiedTime(script, FileTime.from(Instant.now().plusSeconds(5)));
            await("the changed file is read").atMost(TIMEOUT).until(() -> said("watched").equals("second"));

            Files.writeString(script, "models:\n  watched: [[{say: third, stop: later}]]\n");
            Files.setLastModifiedTime(script, FileTime.from(Instant.now().plusSeconds(10)));
            String expected = script + " line 2, field 'models.watched[0][0].stop': is not a known field here";
            await("the broken file is reported").atMost(TIMEOUT).until(() -> warnings().stream().anyMatch(w -> w.contains(expected)));
            assertThat(said("watched")).as("the previous version stays").isEqualTo("second");
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private void define(String name, String script) throws Exception {
        Configuration c = cm.getFactoryConfiguration("dev.trellis.provider.scripted.model", name, "?");
        made.add(c);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("script", script);
        c.update(p);
        await("scripted/" + name + " defined").atMost(TIMEOUT).until(() -> gateway.models().stream()
                .anyMatch(m -> m.id().toString().equals("scripted/" + name)));
    }

    private String said(String model) throws InterruptedException {
        Streams s = ask(ChatRequest.of(ModelId.parse("scripted/" + model), "", "x"));
        return s.error() == null ? s.text() : "error: " + s.error().getMessage();
    }

    private Streams ask(ChatRequest request) throws InterruptedException {
        Streams s = new Streams();
        gateway.stream(request, s);
        assertThat(s.await(30)).as("stream of " + request.model() + " ended").isTrue();
        assertThat(s.violations()).isEmpty();
        return s;
    }

    private List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : Collections.list(logs.getLog())) {
            if (e.getLogLevel() == LogLevel.WARN) {
                out.add(e.getMessage());
            }
        }
        return out;
    }
}
