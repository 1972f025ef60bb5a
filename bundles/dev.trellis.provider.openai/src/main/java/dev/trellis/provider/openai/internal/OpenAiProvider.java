package dev.trellis.provider.openai.internal;

import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import dev.trellis.provider.support.Diagnostics;
import dev.trellis.provider.support.Json;
import dev.trellis.provider.support.ModelPatterns;
import dev.trellis.provider.support.ProviderCore;
import dev.trellis.provider.support.ProviderStream;
import dev.trellis.provider.support.SseProtocol;
import dev.trellis.provider.support.StreamSettings;
import dev.trellis.provider.support.Urls;
import java.net.http.HttpRequest;
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

/**
 * {@code ModelProvider} for {@code openai/<model>}. One HTTP exchange per {@link #stream} call, chosen by
 * {@link OpenAiRouting}: Chat Completions or Responses with an API key, the codex backend's Responses
 * endpoint with an OAuth login. Credentials are resolved for every request. Activation opens no
 * connection; deactivation lets running streams finish (up to {@code drain.timeout.ms}).
 */
@Component(service = ModelProvider.class, configurationPid = OpenAiProvider.PID,
        property = {ModelProvider.PROVIDER_ID + "=" + OpenAiProvider.ID})
@Designate(ocd = OpenAiConfig.class)
public final class OpenAiProvider implements ModelProvider {

    static final String PID = "dev.trellis.provider.openai";
    static final String ID = "openai";

    /** Optional and dynamic: without it requests fail with Unauthorized, and a new resolver is used at once. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CredentialResolver resolver;

    private final OpenAiRouting routing;
    private final ProviderCore core;
    private final String originator;
    private final String reasoningSummary;

    @Activate
    public OpenAiProvider(OpenAiConfig config,
            @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL) Logger logger) {
        this(config, ProviderCore.log(logger), Clock.systemUTC());
    }

    OpenAiProvider(OpenAiConfig config, Diagnostics log, Clock clock) {
        this.routing = new OpenAiRouting(Urls.http(PID, "chat.base.url", config.chat_base_url()),
                Urls.http(PID, "responses.base.url", config.responses_base_url()),
                Urls.http(PID, "codex.base.url", config.codex_base_url()),
                new ModelPatterns(config.responses_models()));
        this.originator = config.codex_originator().strip();
        this.reasoningSummary = config.reasoning_summary().strip();
        this.core = new ProviderCore(ProviderKind.OPENAI, () -> resolver, StreamSettings.ofMillis(config.connect_timeout_ms(),
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
        return core.models(m -> routing.route(m).reasoning());
    }

    @Override
    public StreamHandle stream(ChatRequest request, StreamListener listener) {
        return core.stream(listener, () -> {
            core.requireOwn(request);
            OpenAiRouting.Route route = routing.route(request.model().model());
            // Known before any I/O: an OAuth login cannot reach Chat Completions (status() neither refreshes nor blocks on the network).
            if (route.api() == OpenAiRouting.Api.CHAT_COMPLETIONS && core.credentials().tier().orElse(null) == AuthTier.OAUTH) {
                throw OpenAiRouting.tierMismatch(request.model());
            }
            return stream -> send(request, route, stream);
        });
    }

    private void send(ChatRequest request, OpenAiRouting.Route route, ProviderStream stream) {
        Credential credential = core.credentials().resolve();
        stream.protect(credential.secret());
        if (credential instanceof Credential.OAuthTokens t) {
            stream.protect(t.refreshToken());
        }
        OpenAiRouting.Endpoint endpoint = routing.endpoint(request.model(), route, credential);
        var body = route.api() == OpenAiRouting.Api.CHAT_COMPLETIONS
                ? ChatCompletionsRequest.encode(request, route.wireModel())
                : ResponsesRequest.encode(request, route, endpoint.codex(), reasoningSummary);
        HttpRequest.Builder b = core.http().request(endpoint.uri())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + credential.secret());
        String tier;
        if (credential instanceof Credential.OAuthTokens t) {
            OpenAiRouting.accountId(t).ifPresent(id -> b.header("chatgpt-account-id", id));
            if (!originator.isEmpty()) {
                b.header("originator", originator);
            }
            b.header("OpenAI-Beta", "responses=experimental");
            tier = "oauth account_id_suffix=" + OpenAiRouting.accountId(t).map(Urls::suffix).orElse("none");
        } else {
            tier = "api_key";
        }
        core.log().debug(() -> "openai: " + request.model() + " -> " + endpoint.uri() + " tier=" + tier);
        SseProtocol protocol = route.api() == OpenAiRouting.Api.CHAT_COMPLETIONS
                ? new ChatCompletionsProtocol(core.clock(), core.credentials().fixHint())
                : new ResponsesProtocol(core.clock(), core.credentials().fixHint());
        core.http().exchange(stream, b.POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build(), protocol,
                core.credentials().fixHint());
    }

    /** Streams running now. */
    int inFlight() {
        return core.inFlight();
    }
}
