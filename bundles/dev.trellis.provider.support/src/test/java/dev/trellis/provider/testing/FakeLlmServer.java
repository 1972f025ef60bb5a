package dev.trellis.provider.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A local stand-in for an LLM vendor: an HTTP server on a free loopback port that records every
 * request and answers with queued {@link Reply}s (status, headers, a body written in chunks, optionally
 * paused or paced). Replies are taken in order; when none is queued the {@linkplain #always fallback} (or
 * {@linkplain #answer a reply made from the request}) answers.
 * Uses only the JDK ({@code com.sun.net.httpserver}), so it also runs inside an OSGi framework.
 */
public final class FakeLlmServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> arrivals = new LinkedBlockingQueue<>();
    private volatile boolean recording = true;
    private volatile Function<RecordedRequest, Reply> fallback =
            r -> Reply.json(500, "{\"error\":{\"message\":\"fake server: no reply queued\"}}");

    private FakeLlmServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1, port chosen by the OS. */
    public static FakeLlmServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            FakeLlmServer fake = new FakeLlmServer(s);
            s.createContext("/", fake::handle);
            s.setExecutor(fake.executor);
            s.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake LLM server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public URI uri(String path) {
        return URI.create(url(path));
    }

    /** Queues the answer to the next request. */
    public FakeLlmServer enqueue(Reply reply) {
        replies.add(reply);
        return this;
    }

    /** The answer to every request when nothing is queued. */
    public FakeLlmServer always(Reply reply) {
        fallback = r -> reply;
        return this;
    }

    /** When nothing is queued, each request is answered with what {@code replies} makes of it (e.g. an echo). */
    public FakeLlmServer answer(Function<RecordedRequest, Reply> replies) {
        fallback = replies;
        return this;
    }

    /**
     * Whether requests are kept for {@link #requests} and {@link #takeRequest} (default true). Benchmarks turn it
     * off: the record grows without bound and copying it would cost more per request as a run goes on.
     */
    public FakeLlmServer recording(boolean on) {
        recording = on;
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The next request not yet taken, waiting up to {@code timeout}.
     *
     * @throws AssertionError if none arrives
     */
    public RecordedRequest takeRequest(Duration timeout) {
        try {
            RecordedRequest r = arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("the fake server received no request within " + timeout.toMillis() + " ms");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
            URI uri = exchange.getRequestURI();
            RecordedRequest recorded = new RecordedRequest(exchange.getRequestMethod(), uri.getPath(),
                    uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers, new String(body, StandardCharsets.UTF_8));
            if (recording) {
                requests.add(recorded);
                arrivals.add(recorded);
            }
            Reply reply = replies.poll();
            write(exchange, reply == null ? fallback.apply(recorded) : reply);
        }
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        List<byte[]> chunks = reply.chunks();
        long length = reply.chunked() ? 0 : chunks.stream().mapToLong(c -> c.length).sum();
        exchange.sendResponseHeaders(reply.status(), length == 0 && !reply.chunked() ? -1 : length);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < chunks.size(); i++) {
                if (i > 0) {
                    reply.pace();
                }
                reply.beforeChunk(i);
                out.write(chunks.get(i));
                out.flush();
            }
            reply.beforeChunk(chunks.size());
        } catch (IOException e) {
            // the client went away (cancelled): nothing more to send
        } finally {
            reply.finished();
        }
    }
}
