package dev.trellis.provider.support;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StreamListener;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The HTTP side of one provider component: a JDK {@link HttpClient} on virtual threads, exactly one
 * exchange per stream, SSE bodies parsed as they arrive, an idle watchdog, and {@link #close} that lets
 * admitted requests finish (bounded) before the client goes. Nothing here blocks the caller of
 * {@code stream()}: {@link #admit} counts the request, {@link Admission#open} registers its stream,
 * {@link #run} moves the rest (credential lookup, request building) to a virtual thread, {@link #exchange}
 * is asynchronous.
 */
public final class StreamingClient {

    /** Largest error body read (the rest is dropped). */
    static final int MAX_ERROR_BODY = 64 * 1024;

    private final String provider;
    private final StreamSettings settings;
    private final Diagnostics log;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;
    /** Streams opened and not yet released (for the idle watchdog and the drain timeout). */
    private final Set<ProviderStream> live = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private int admitted; // guarded by lock: requests admitted and not yet over (with or without a stream)
    private boolean closing; // guarded by lock

    public StreamingClient(String provider, StreamSettings settings, Diagnostics log) {
        this(provider, settings, log, Clock.systemUTC());
    }

    public StreamingClient(String provider, StreamSettings settings, Diagnostics log, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trellis-" + provider + "-", 0).factory());
        // No network here: building a client only allocates; connections open on the first request.
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("trellis-" + provider + "-idle-watchdog").factory());
        long period = Math.max(10, Math.min(1000, settings.idleTimeout().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    public String provider() {
        return provider;
    }

    public StreamSettings settings() {
        return settings;
    }

    /**
     * Counts a request from here until its stream ends ({@link Admission#open}) or, if it never gets one,
     * until {@link Admission#close}: call it first thing in {@code stream()}, before any check, credential
     * lookup or request building. {@link #close} waits for every admitted request, so the work between
     * {@code stream()} being entered and the HTTP request being sent never runs on a closed client or a
     * bundle whose class loader a refresh has thrown away.
     *
     * @throws ModelException {@code ProviderUnavailable} once {@link #close} has begun
     */
    public Admission admit() {
        lock.lock();
        try {
            if (closing) {
                throw new ModelException(new ModelError.ProviderUnavailable(provider));
            }
            admitted++;
            return new Admission();
        } finally {
            lock.unlock();
        }
    }

    /** Registers a new stream: {@link #admit} and {@link Admission#open} in one step. */
    public ProviderStream open(StreamListener listener) {
        return admit().open(listener);
    }

    /**
     * One admitted request; used by the thread that called {@code stream()}. Either {@link #open} hands the
     * count over to the request's stream (released once its terminal call returned) or {@link #close} ends it
     * (the request failed before it had a stream). Meant for try-with-resources: closing after {@code open} is
     * a no-op.
     */
    public final class Admission implements AutoCloseable {
        private boolean over;

        private Admission() {
        }

        /** The request's stream; it counts until its terminal call returned. */
        public ProviderStream open(StreamListener listener) {
            if (over) {
                throw new IllegalStateException("this admission was used already");
            }
            ProviderStream stream = new ProviderStream(provider, listener, StreamingClient.this::released);
            live.add(stream);
            over = true;
            return stream;
        }

        /** Ends the count if no stream was opened (the request was refused before it began). */
        @Override
        public void close() {
            if (!over) {
                over = true;
                leave();
            }
        }
    }

    /**
     * Runs the blocking part of starting a stream (credential lookup, request building, then usually
     * {@link #exchange}) on a virtual thread. A {@link ModelException} it throws fails the stream with
     * its error; any other exception is reported as a request this provider could not build.
     */
    public void run(ProviderStream stream, Runnable work) {
        try {
            executor.execute(() -> {
                if (stream.isEnded()) {
                    return; // cancelled before it began
                }
                try {
                    work.run();
                } catch (ModelException e) {
                    stream.fail(e.error(), e);
                } catch (MalformedEventException e) {
                    stream.fail(new ModelError.MalformedStream(provider, stream.redactor().clean(e.getMessage())), e);
                } catch (RuntimeException e) {
                    stream.fail(new ModelError.BadRequest(provider, "could not build the request: "
                            + stream.redactor().clean(String.valueOf(e.getMessage()))), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            stream.fail(new ModelError.ProviderUnavailable(provider), e);
        }
    }

    /** A request builder with the response timeout; plain {@code http://} is spoken as HTTP/1.1 (no h2c upgrade). */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.responseTimeout());
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1);
        }
        return b;
    }

    /**
     * Sends {@code request} once and feeds its SSE body to {@code protocol}. A non-2xx answer becomes
     * the matching {@code ModelError} ({@link HttpErrors#forResponse}); a transport failure before the
     * headers becomes {@code Timeout} or {@code ProviderUnavailable}; a connection lost mid-stream or a
     * body that ends early becomes {@code MalformedStream}.
     *
     * @param authHint how to fix credentials, for {@code Unauthorized}
     */
    public void exchange(ProviderStream stream, HttpRequest request, SseProtocol protocol, String authHint) {
        if (stream.isEnded()) {
            return;
        }
        stream.touch();
        HttpResponse.BodyHandler<Void> handler = info -> {
            stream.touch();
            int status = info.statusCode();
            String type = info.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
            if (status / 100 == 2 && type.startsWith("text/event-stream")) {
                return new SseSubscriber(stream, protocol);
            }
            return new BoundedBody(body -> stream.fail(status / 100 == 2
                    ? notAStream(stream, info.headers(), type, body, authHint)
                    : HttpErrors.forResponse(provider, status, info.headers(), body, stream.redactor(), clock.instant(),
                            authHint)));
        };
        CompletableFuture<HttpResponse<Void>> response;
        try {
            response = http.sendAsync(request, handler);
        } catch (RuntimeException e) { // client closed under us
            stream.fail(new ModelError.ProviderUnavailable(provider), e);
            return;
        }
        stream.onAbort(() -> response.cancel(true));
        response.whenComplete((r, failure) -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                if (!(cause instanceof CancellationException)) {
                    stream.fail(transportError(cause), cause);
                }
            }
        });
    }

    /** Requests admitted and not over: streams running now plus {@code stream()} calls still preparing one. */
    public int inFlight() {
        lock.lock();
        try {
            return admitted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking requests, waits up to the drain timeout for every admitted one to be over (streams to
     * deliver their terminal call, {@code stream()} calls still preparing to open theirs or give up), fails the
     * streams still running with {@code ProviderUnavailable}, then closes the HTTP client.
     *
     * @return true if every request was over within the timeout
     */
    public boolean close() {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        boolean interrupted = false;
        int left;
        lock.lock();
        try {
            closing = true;
            while (admitted > 0) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                try {
                    drained.awaitNanos(wait);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            left = admitted;
        } finally {
            lock.unlock();
        }
        boolean clean = left == 0;
        if (!clean) {
            log.warn(provider + ": " + left + " request(s) still running after the drain timeout of "
                    + settings.drainTimeout().toMillis() + " ms; they are ended with ProviderUnavailable");
            for (ProviderStream s : List.copyOf(live)) {
                s.fail(new ModelError.ProviderUnavailable(provider),
                        new IllegalStateException(provider + " provider stopped before the stream finished"));
            }
        }
        watchdog.shutdownNow();
        http.shutdownNow();
        executor.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return clean;
    }

    private void released(ProviderStream stream) {
        live.remove(stream);
        leave();
    }

    private void leave() {
        lock.lock();
        try {
            if (--admitted == 0) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkIdle() {
        long limit = settings.idleTimeout().toNanos();
        for (ProviderStream s : live) {
            if (!s.isEnded() && s.idleNanos() > limit) {
                s.fail(new ModelError.Timeout(provider, settings.idleTimeout()));
            }
        }
    }

    private ModelError transportError(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new ModelError.Timeout(provider, settings.connectTimeout());
        }
        if (cause instanceof HttpTimeoutException) {
            return new ModelError.Timeout(provider, settings.responseTimeout());
        }
        return new ModelError.ProviderUnavailable(provider);
    }

    private ModelError notAStream(ProviderStream stream, HttpHeaders headers, String type, String body, String authHint) {
        HttpErrors.VendorError e = HttpErrors.parse(body);
        if (!e.kinds().isEmpty() || e.error().isObject()) {
            return HttpErrors.forStreamError(provider, e, headers, stream.redactor(), clock.instant(), authHint);
        }
        return new ModelError.MalformedStream(provider, "expected text/event-stream but got '"
                + (type.isEmpty() ? "no content type" : type) + "': " + stream.redactor().clean(body));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Parses an SSE body as it arrives: one chunk requested at a time, so a slow listener slows the read. */
    private final class SseSubscriber implements HttpResponse.BodySubscriber<Void> {
        private final ProviderStream stream;
        private final SseProtocol protocol;
        private final SseDecoder decoder = new SseDecoder();
        private final CompletableFuture<Void> body = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        SseSubscriber(ProviderStream stream, SseProtocol protocol) {
            this.stream = stream;
            this.protocol = protocol;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            stream.onAbort(s::cancel);
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            stream.touch();
            try {
                for (ByteBuffer b : items) {
                    decoder.feed(b, this::deliver);
                }
            } catch (MalformedEventException e) {
                stream.fail(new ModelError.MalformedStream(provider, stream.redactor().clean(e.getMessage())), e);
            } catch (ModelException e) {
                stream.fail(e.error(), e);
            } catch (RuntimeException e) {
                stream.fail(new ModelError.MalformedStream(provider, "event could not be read: "
                        + stream.redactor().clean(String.valueOf(e))), e);
            }
            subscription.request(1); // after a failure the subscription is cancelled and this is ignored
        }

        private void deliver(SseEvent event) {
            if (!stream.isEnded()) {
                protocol.onEvent(event, stream);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (!stream.isEnded()) {
                stream.fail(new ModelError.MalformedStream(provider, "the connection was lost after "
                        + decoder.events() + " event(s): " + stream.redactor().clean(String.valueOf(throwable.getMessage()))),
                        throwable);
            }
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            if (!stream.isEnded()) {
                if (decoder.hasPartialEvent()) {
                    stream.fail(new ModelError.MalformedStream(provider, "the stream ended inside an event after "
                            + decoder.events() + " complete event(s) (truncated)"));
                } else {
                    try {
                        protocol.onEnd(stream, decoder.events());
                    } catch (MalformedEventException e) {
                        stream.fail(new ModelError.MalformedStream(provider, stream.redactor().clean(e.getMessage())), e);
                    }
                }
            }
            body.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }
    }

    /** Collects an error body up to {@link #MAX_ERROR_BODY} bytes, then hands it over as text. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<Void> {
        private final Consumer<String> done;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Void> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(Consumer<String> done) {
            this.done = done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int room = MAX_ERROR_BODY - bytes.size();
                int n = Math.min(room, b.remaining());
                byte[] chunk = new byte[n];
                b.get(chunk);
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() >= MAX_ERROR_BODY) {
                subscription.cancel();
                finish();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            finish(); // what arrived is still the best description of the failure
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            if (!body.isDone()) {
                body.complete(null);
                done.accept(bytes.toString(StandardCharsets.UTF_8));
            }
        }

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }
    }
}
