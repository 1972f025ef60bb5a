package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.provider.openai.internal.OpenAiProvider;
import dev.trellis.provider.testing.FakeLlmServer;
import dev.trellis.provider.testing.Reply;
import dev.trellis.provider.testing.StubCredentials;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 5, HTTP side: one streamed request (OpenAI Chat Completions SSE, 50 content chunks + finish + usage +
 * [DONE], each event written and flushed separately) to the same loopback fake server, read to the end by:
 * <ul>
 * <li>{@code trellisGateway}: {@code ModelGateway} (the real {@code GatewayComponent}, its openai budget lifted)
 * bound to the OpenAI provider instance below: the path an agent takes;</li>
 * <li>{@code trellisProvider}: that same OpenAI provider component (as SCR activates it, API key tier) called
 * directly;</li>
 * <li>{@code directHttpClient}: a JDK HttpClient call with a minimal SSE parse (lines, Jackson per chunk, text
 * appended) — the floor;</li>
 * <li>{@code langchain4j}: LangChain4j's {@code OpenAiStreamingChatModel}.</li>
 * </ul>
 * Sample time per request. Gateway overhead = {@code trellisGateway - trellisProvider}; the provider's own cost =
 * {@code trellisProvider - directHttpClient}. The two Trellis benchmarks wait the same way ({@link StreamWaiter}).
 *
 * <p>The fake server is the JDK's {@code com.sun.net.httpserver}, which leaves Nagle's algorithm on unless
 * {@code sun.net.httpserver.nodelay=true}: each small SSE write after the first then waits for the client's
 * delayed ACK (40 ms on Linux), which made every client measure ~47 ms per request whatever it did. The forks set
 * the property, as a real vendor's server flushes without that stall.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class ProviderStreamBenchmark {

    static final int CHUNKS = 50;
    /** What every client must have read: the 50 tokens. */
    static final int TEXT_LENGTH = java.util.stream.IntStream.range(0, CHUNKS).map(i -> (" token" + i).length()).sum();
    /** Events of a correct stream through the provider or the gateway: 50 text deltas, usage, stop. */
    static final int EVENTS = CHUNKS + 2;

    private FakeLlmServer server;
    private GatewayFixture trellis;
    private HttpClient direct;
    private OpenAiStreamingChatModel langchain4j;
    private ChatRequest request;
    private final ObjectMapper json = new ObjectMapper();

    /** A Chat Completions stream of {@link #CHUNKS} content chunks, one write per SSE event. */
    static List<String> events() {
        List<String> out = new ArrayList<>();
        String head = "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_f9f4fb6dbf\",\"choices\":[{\"index\":0,\"delta\":";
        out.add("data: " + head + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        for (int i = 0; i < CHUNKS; i++) {
            out.add("data: " + head + "{\"content\":\" token" + i + "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
        out.add("data: " + head + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
        out.add("data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":50,"
                + "\"total_tokens\":62,\"prompt_tokens_details\":{\"cached_tokens\":0}}}\n\n");
        out.add("data: [DONE]\n\n");
        return out;
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (!Boolean.getBoolean("sun.net.httpserver.nodelay")) {
            throw new IllegalStateException("run with -Dsun.net.httpserver.nodelay=true (the @Fork annotation sets it):"
                    + " without it the fake server's Nagle stalls (~40 ms per request) hide what the clients do");
        }
        server = FakeLlmServer.start().recording(false);
        server.always(Reply.sse("").inChunks(events()));
        OpenAiProvider p = Components.activate(OpenAiProvider.class, Map.of("chat.base.url", server.url("/v1")));
        Components.bind(p, "resolver", StubCredentials.apiKey("sk-bench-0123456789abcdef"));
        // the gateway at its defaults, except the request budget: 60/min for openai would throttle the benchmark
        trellis = new GatewayFixture(p, Map.of(ModelProvider.PROVIDER_ID, "openai"),
                Map.of("rate.limits", new String[] {"scripted=0/0", "openai=0/0"}));
        direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        langchain4j = OpenAiStreamingChatModel.builder().baseUrl(server.url("/v1")).apiKey("sk-bench-0123456789abcdef")
                .modelName("gpt-4o").build();
        request = ChatRequest.of(ModelId.parse("openai/gpt-4o"), "", "Count to fifty.");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trellis.close();
        direct.close();
        server.close();
    }

    /** Trellis as agents use it: gateway.stream(openai/gpt-4o) until the listener got Stop. */
    @Benchmark
    public int trellisGateway() {
        StreamWaiter w = new StreamWaiter(EVENTS);
        trellis.gateway.stream(request, w);
        return checked(w.await());
    }

    /** The OpenAI provider component alone: provider.stream(...) until the listener got Stop. */
    @Benchmark
    public int trellisProvider() {
        StreamWaiter w = new StreamWaiter(EVENTS);
        trellis.provider.stream(request, w);
        return checked(w.await());
    }

    /** Baseline: the same POST with the JDK client, lines read, each data chunk parsed with Jackson. */
    @Benchmark
    public int directHttpClient() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(server.uri("/v1/chat/completions")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer sk-bench-0123456789abcdef").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"Count to fifty.\"}]}")).build();
        StringBuilder text = new StringBuilder();
        try (Stream<String> lines = direct.send(r, HttpResponse.BodyHandlers.ofLines()).body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                    JsonNode delta = json.readTree(line.substring(6)).path("choices").path(0).path("delta").path("content");
                    if (delta.isTextual()) {
                        text.append(delta.asText());
                    }
                }
            }
        }
        return checked(text.length());
    }

    /** LangChain4j's OpenAI streaming client (its default JDK HTTP client) until onCompleteResponse. */
    @Benchmark
    public int langchain4j() throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        langchain4j.chat("Count to fifty.", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                text.append(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(text.length());
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return checked(done.get(10, TimeUnit.SECONDS));
    }

    /** Every client must have read the whole answer, or its figure means nothing. */
    private static int checked(int textLength) {
        if (textLength != TEXT_LENGTH) {
            throw new IllegalStateException("read " + textLength + " characters of text, expected " + TEXT_LENGTH);
        }
        return textLength;
    }
}
