package dev.trellis.provider.support;

import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every HTTP provider component holds: its id, the per-request {@link Credentials}, the
 * {@link StreamingClient}, the log and the listed models. A component keeps its own dynamic
 * {@code CredentialResolver} reference and passes a reader of it here.
 */
public final class ProviderCore {

    private final String id;
    private final Credentials credentials;
    private final StreamingClient http;
    private final Diagnostics log;
    private final Clock clock;
    private final List<String> models;

    public ProviderCore(ProviderKind kind, Supplier<CredentialResolver> resolver, StreamSettings settings, Diagnostics log,
            Clock clock, String[] models) {
        this.id = kind.id();
        this.credentials = new Credentials(kind, resolver);
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.models = Arrays.stream(models).map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.http = new StreamingClient(id, settings, log, clock);
    }

    public String id() {
        return id;
    }

    public Credentials credentials() {
        return credentials;
    }

    public StreamingClient http() {
        return http;
    }

    public Diagnostics log() {
        return log;
    }

    public Clock clock() {
        return clock;
    }

    /** The configured model names as {@link ModelInfo}s (tools always; thinking where {@code thinking} says). */
    public List<ModelInfo> models(Predicate<String> thinking) {
        return models.stream().map(m -> new ModelInfo(new ModelId(id, m), m, OptionalInt.empty(), true, thinking.test(m)))
                .toList();
    }

    /** @throws ModelException {@code BadRequest} if the request names another provider's model */
    public void requireOwn(ChatRequest request) {
        if (!request.model().provider().equals(id)) {
            throw new ModelException(new ModelError.BadRequest(id, request.model() + " is not an " + id + " model"));
        }
    }

    /**
     * What a provider's {@code stream()} consists of: {@code prepare} runs the checks that may refuse the
     * request at once (wrong provider, tier mismatch: a {@link ModelException} thrown to the caller) and
     * returns the blocking rest ({@code send}: resolve credentials, build the body, exchange), which runs on a
     * virtual thread; returns at once.
     *
     * <p>The request counts for the drain from the first line, before {@code prepare} (which may ask the
     * credential resolver for the tier): {@link #close} waits for it even if it has no stream yet, and once
     * closing began it is refused before {@code prepare} runs.
     *
     * @throws ModelException {@code ProviderUnavailable} while the component is stopping, or what
     *         {@code prepare} threw
     */
    public StreamHandle stream(StreamListener listener, Supplier<Consumer<ProviderStream>> prepare) {
        try (StreamingClient.Admission admission = http.admit()) {
            Consumer<ProviderStream> send = prepare.get();
            ProviderStream stream = admission.open(listener);
            http.run(stream, () -> send.accept(stream));
            return stream;
        }
    }

    /** Requests running now (streams, and {@code stream()} calls preparing one). */
    public int inFlight() {
        return http.inFlight();
    }

    /**
     * Drains (bounded) and closes the HTTP client; see {@link StreamingClient#close()}.
     *
     * @return true if every request was over within the drain timeout
     */
    public boolean close() {
        return http.close();
    }

    /** A log for an optional OSGi logger reference. */
    public static Diagnostics log(org.osgi.service.log.Logger logger) {
        return logger == null ? Diagnostics.NONE : Diagnostics.of(logger);
    }
}
