package dev.trellis.provider.openai.internal;

import dev.trellis.api.auth.Credential;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.provider.support.ModelPatterns;
import dev.trellis.provider.support.Urls;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Which endpoint a request goes to, from the model name and the credential (reference §6, codex-oauth
 * AC4): codex-family models and {@code openai_resp::<model>} use the Responses API, every other model
 * Chat Completions; an API key reaches {@code /v1/chat/completions} or {@code /v1/responses}, an OAuth
 * login only the codex backend's {@code /responses}, so OAuth with a Chat Completions model is a
 * {@code TierMismatch}, known before any network call.
 */
final class OpenAiRouting {

    static final String FORCE_RESPONSES = "openai_resp::";

    enum Api { CHAT_COMPLETIONS, RESPONSES }

    /** @param wireModel the model name sent to OpenAI (prefix removed) */
    record Route(Api api, String wireModel, boolean reasoning) {
    }

    /** @param codex true for the ChatGPT backend (OAuth) */
    record Endpoint(URI uri, boolean codex) {
    }

    private final URI chatBase;
    private final URI responsesBase;
    private final URI codexBase;
    private final ModelPatterns responsesModels;

    OpenAiRouting(URI chatBase, URI responsesBase, URI codexBase, ModelPatterns responsesModels) {
        this.chatBase = Objects.requireNonNull(chatBase);
        this.responsesBase = Objects.requireNonNull(responsesBase);
        this.codexBase = Objects.requireNonNull(codexBase);
        this.responsesModels = Objects.requireNonNull(responsesModels);
    }

    Route route(String model) {
        if (model.startsWith(FORCE_RESPONSES)) {
            String wire = model.substring(FORCE_RESPONSES.length());
            if (wire.isEmpty()) {
                throw new ModelException(new ModelError.BadRequest("openai", "model '" + model + "' names no model after "
                        + FORCE_RESPONSES));
            }
            return new Route(Api.RESPONSES, wire, responsesModels.matches(wire));
        }
        boolean codexFamily = responsesModels.matches(model);
        return new Route(codexFamily ? Api.RESPONSES : Api.CHAT_COMPLETIONS, model, codexFamily);
    }

    /** @throws ModelException {@code TierMismatch} for an OAuth credential with a Chat Completions route */
    Endpoint endpoint(ModelId model, Route route, Credential credential) {
        return switch (credential) {
            case Credential.ApiKey k -> route.api() == Api.CHAT_COMPLETIONS
                    ? new Endpoint(resolve(chatBase, "chat/completions"), false)
                    : new Endpoint(resolve(responsesBase, "responses"), false);
            case Credential.OAuthTokens t -> {
                if (route.api() == Api.CHAT_COMPLETIONS) {
                    throw tierMismatch(model);
                }
                yield new Endpoint(resolve(codexBase, "responses"), true);
            }
        };
    }

    static ModelException tierMismatch(ModelId model) {
        return new ModelException(new ModelError.TierMismatch(model, "the ChatGPT login (OAuth) reaches only the"
                + " Responses API of the codex backend, and " + model.model() + " is a Chat Completions model; use a"
                + " codex-family model (e.g. openai/gpt-5-codex), force the Responses API with openai/"
                + FORCE_RESPONSES + model.model() + ", or use an API key (OPENAI_API_KEY)"));
    }

    /** The account id the codex backend wants, from the credential or its id-token claims. */
    static Optional<String> accountId(Credential.OAuthTokens t) {
        return t.accountId().or(() -> t.claims().accountId()).filter(s -> !s.isBlank());
    }

    private static URI resolve(URI base, String path) {
        return Urls.join(base, path);
    }
}
