package dev.trellis.auth.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.auth.ProviderKind;
import java.time.Instant;
import java.util.Optional;

/**
 * Trellis' own key file ({@code api-keys.json}, mode 0600):
 * {@code {"anthropic": {"key": "...", "stored_at": "<RFC 3339>"}, "gemini": {...}}}. An immutable view;
 * unknown fields are kept on rewrite.
 */
public final class ApiKeys {

    private final ObjectNode root;

    private ApiKeys(ObjectNode root) {
        this.root = root;
    }

    public static ApiKeys of(Optional<ObjectNode> root) {
        return new ApiKeys(root.orElseGet(JsonNodeFactory.instance::objectNode));
    }

    public ObjectNode toJson() {
        return root.deepCopy();
    }

    public Optional<String> key(ProviderKind provider) {
        JsonNode entry = root.get(provider.id());
        JsonNode key = entry == null ? null : entry.get("key");
        return key != null && key.isTextual() && !key.asText().isBlank() ? Optional.of(key.asText()) : Optional.empty();
    }

    public ApiKeys with(ProviderKind provider, String key, Instant now) {
        ObjectNode out = toJson();
        ObjectNode entry = out.putObject(provider.id());
        entry.put("key", key);
        entry.put("stored_at", AuthJson.rfc3339(now));
        return new ApiKeys(out);
    }

    public ApiKeys without(ProviderKind provider) {
        ObjectNode out = toJson();
        out.remove(provider.id());
        return new ApiKeys(out);
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }
}
