package dev.trellis.provider.gemini.internal;

import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import dev.trellis.provider.support.Diagnostics;
import dev.trellis.provider.support.Json;
import dev.trellis.provider.support.ModelPatterns;
import dev.trellis.provider.support.ProviderCore;
import dev.trellis.provider.support.ProviderStream;
import dev.trellis.provider.support.StreamSettings;
import dev.trellis.provider.support.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** {@code ModelProvider} for {@code gemini/<model>}: streamGenerateContent over SSE with {@code x-goog-api-key}. */
@Component(service = ModelProvider.class, configurationPid = GeminiProvider.PID,
        property = {ModelProvider.PROVIDER_ID + "=" + GeminiProvider.ID})
@Designate(ocd = GeminiConfig.class)
public final class GeminiProvider implements ModelProvider {

    static final String PID = "dev.trellis.provider.gemini";
    static final String ID = "gemini";

    /** Optional and dynamic: without it requests fail with Unauthorized, and a new resolver is used at once. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CredentialResolver resolver;

    private final ProviderCore core;
    private final URI base;
    private final ModelPatterns thinking;

    @Activate
    public GeminiProvider(GeminiConfig config,
            @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL) Logger logger) {
        this(config, ProviderCore.log(logger), Clock.systemUTC());
    }

    GeminiProvider(GeminiConfig config, Diagnostics log, Clock clock) {
        this.base = Urls.http(PID, "base.url", config.base_url());
        this.thinking = new ModelPatterns(config.thinking_models());
        this.core = new ProviderCore(ProviderKind.GEMINI, () -> resolver, StreamSettings.ofMillis(config.connect_timeout_ms(),
                config.response_timeout_ms(), config.idle_timeout_ms(), config.drain_timeout_ms()), log, clock,
                config.models());
    }

    @Deactivate
    void deactivate() {
        core.close();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ModelInfo> models() {
        return core.models(thinking::matches);
    }

    @Override
    public StreamHandle stream(ChatRequest request, StreamListener listener) {
        return core.stream(listener, () -> {
            core.requireOwn(request);
            return stream -> send(request, stream);
        });
    }

    private void send(ChatRequest request, ProviderStream stream) {
        Credential credential = core.credentials().resolve();
        stream.protect(credential.secret());
        if (credential instanceof Credential.OAuthTokens t) {
            stream.protect(t.refreshToken());
            throw new ModelException(new ModelError.Unauthorized(ID, "Gemini takes API keys only, not an OAuth login; "
                    + core.credentials().fixHint()));
        }
        String model = request.model().model().startsWith("models/") ? request.model().model().substring(7)
                : request.model().model();
        URI uri = Urls.join(base, "models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + ":streamGenerateContent?alt=sse");
        var body = GeminiRequest.encode(request, thinking.matches(model));
        core.log().debug(() -> ID + ": " + request.model() + " -> " + uri + " tier=api_key");
        core.http().exchange(stream, core.http().request(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("x-goog-api-key", credential.secret())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build(),
                new GeminiProtocol(core.clock(), core.credentials().fixHint()), core.credentials().fixHint());
    }

    int inFlight() {
        return core.inFlight();
    }
}
