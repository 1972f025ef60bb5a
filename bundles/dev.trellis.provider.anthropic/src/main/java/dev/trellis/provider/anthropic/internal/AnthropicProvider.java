package dev.trellis.provider.anthropic.internal;

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
import dev.trellis.provider.support.ProviderCore;
import dev.trellis.provider.support.ProviderStream;
import dev.trellis.provider.support.StreamSettings;
import dev.trellis.provider.support.Urls;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Arrays;
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

/**
 * {@code ModelProvider} for {@code anthropic/<model>}: the Messages API with an API key
 * ({@code x-api-key}, {@code anthropic-version: 2023-06-01}). An OAuth credential is refused before any
 * network call: Anthropic's terms do not allow consumer subscription tokens in third-party tools.
 */
@Component(service = ModelProvider.class, configurationPid = AnthropicProvider.PID,
        property = {ModelProvider.PROVIDER_ID + "=" + AnthropicProvider.ID})
@Designate(ocd = AnthropicConfig.class)
public final class AnthropicProvider implements ModelProvider {

    static final String PID = "dev.trellis.provider.anthropic";
    static final String ID = "anthropic";
    static final String API_VERSION = "2023-06-01";

    /** Optional and dynamic: without it requests fail with Unauthorized, and a new resolver is used at once. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CredentialResolver resolver;

    private final ProviderCore core;
    private final URI messages;
    private final int maxTokens;
    private final int thinkingBudget;
    private final List<String> betas;

    @Activate
    public AnthropicProvider(AnthropicConfig config,
            @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL) Logger logger) {
        this(config, ProviderCore.log(logger), Clock.systemUTC());
    }

    AnthropicProvider(AnthropicConfig config, Diagnostics log, Clock clock) {
        this.messages = Urls.join(Urls.http(PID, "base.url", config.base_url()), "messages");
        if (config.max_tokens() < 1) {
            throw new IllegalArgumentException(PID + ": max.tokens must be >= 1, was " + config.max_tokens());
        }
        if (config.thinking_budget_tokens() != 0 && config.thinking_budget_tokens() < 1024) {
            throw new IllegalArgumentException(PID + ": thinking.budget.tokens must be 0 (off) or >= 1024, was "
                    + config.thinking_budget_tokens());
        }
        this.maxTokens = config.max_tokens();
        this.thinkingBudget = config.thinking_budget_tokens();
        this.betas = Arrays.asList(config.extra_betas());
        this.core = new ProviderCore(ProviderKind.ANTHROPIC, () -> resolver, StreamSettings.ofMillis(
                config.connect_timeout_ms(), config.response_timeout_ms(), config.idle_timeout_ms(),
                config.drain_timeout_ms()), log, clock, config.models());
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
        return core.models(m -> thinkingBudget > 0);
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
            throw new ModelException(new ModelError.Unauthorized(ID, "an OAuth login cannot be used: Anthropic does not"
                    + " allow consumer subscription (Claude.ai) tokens in third-party tools; "
                    + core.credentials().fixHint()));
        }
        MessagesRequest.Encoded encoded = MessagesRequest.encode(request, request.model().model(), maxTokens,
                thinkingBudget, betas);
        CachePlan.downgrade(request.cache()).ifPresent(note -> core.log().debug(() -> ID + ": " + note));
        HttpRequest.Builder b = core.http().request(messages)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("x-api-key", credential.secret())
                .header("anthropic-version", API_VERSION);
        if (!encoded.betas().isEmpty()) {
            b.header("anthropic-beta", String.join(",", encoded.betas()));
        }
        core.log().debug(() -> ID + ": " + request.model() + " -> " + messages + " tier=api_key thinking="
                + encoded.thinking() + " betas=" + encoded.betas());
        core.http().exchange(stream, b.POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(encoded.body()))).build(),
                new MessagesProtocol(core.clock(), core.credentials().fixHint()), core.credentials().fixHint());
    }

    /** Streams running now. */
    int inFlight() {
        return core.inFlight();
    }
}
