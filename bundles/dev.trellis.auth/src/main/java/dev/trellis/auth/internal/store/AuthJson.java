package dev.trellis.auth.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * codex's {@code auth.json}, field for field: {@code auth_mode} ({@code apikey} | {@code chatgpt}; the
 * read-only modes {@code chatgptAuthTokens} and {@code agentIdentity} are kept as found until we write
 * tokens), {@code OPENAI_API_KEY} (always written, {@code null} when unset), {@code tokens} ({@code id_token},
 * {@code access_token}, {@code refresh_token}, {@code account_id}), {@code last_refresh} (RFC 3339) and
 * {@code agent_identity}. An immutable view over the JSON tree: changes return a copy, and every field we do
 * not know, at the top level or inside {@code tokens}, is carried over unchanged.
 */
public final class AuthJson {

    static final String AUTH_MODE = "auth_mode";
    static final String API_KEY = "OPENAI_API_KEY";
    static final String TOKENS = "tokens";
    static final String LAST_REFRESH = "last_refresh";
    private static final Set<String> KNOWN = Set.of(AUTH_MODE, API_KEY, TOKENS, LAST_REFRESH);

    private final ObjectNode root;

    private AuthJson(ObjectNode root) {
        this.root = root;
    }

    /** A view of {@code root} (not copied: do not change it afterwards). */
    public static AuthJson of(ObjectNode root) {
        return new AuthJson(root);
    }

    public static AuthJson empty() {
        return new AuthJson(JsonNodeFactory.instance.objectNode());
    }

    /** The JSON to write: {@code OPENAI_API_KEY} is always present, as codex writes it. */
    public ObjectNode toJson() {
        ObjectNode out = root.deepCopy();
        if (!out.has(API_KEY)) {
            // codex puts auth_mode first, then the key; keep that order for files we create
            ObjectNode ordered = JsonNodeFactory.instance.objectNode();
            if (out.has(AUTH_MODE)) {
                ordered.set(AUTH_MODE, out.get(AUTH_MODE));
            }
            ordered.putNull(API_KEY);
            out.properties().forEach(e -> ordered.set(e.getKey(), e.getValue()));
            return ordered;
        }
        return out;
    }

    public Optional<String> authMode() {
        return text(root, AUTH_MODE);
    }

    public Optional<String> apiKey() {
        return text(root, API_KEY).filter(s -> !s.isBlank());
    }

    /**
     * The stored tokens, empty if {@code tokens} is missing or null.
     *
     * @param file for the message of a malformed entry
     * @throws IllegalStateException naming the field if {@code tokens} has the wrong shape
     */
    public Optional<StoredTokens> tokens(Path file) {
        JsonNode t = root.get(TOKENS);
        if (t == null || t.isNull()) {
            return Optional.empty();
        }
        if (!t.isObject()) {
            throw new IllegalStateException(file + ": field 'tokens' must be an object, is " + kind(t));
        }
        return Optional.of(new StoredTokens(required(t, "id_token", file), required(t, "access_token", file),
                required(t, "refresh_token", file), text(t, "account_id").filter(s -> !s.isBlank())));
    }

    public Optional<Instant> lastRefresh() {
        try {
            return text(root, LAST_REFRESH).map(s -> OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty(); // informational only: a codex version writing another format must not break us
        }
    }

    /** True if nothing worth keeping is left: no tokens, no key, no field we do not know. */
    public boolean isEmpty() {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            var e = it.next();
            boolean unimportant = e.getKey().equals(AUTH_MODE) || e.getKey().equals(LAST_REFRESH)
                    || e.getValue().isNull();
            if (!unimportant) {
                return false;
            }
        }
        return true;
    }

    /** Logged in with ChatGPT: tokens replaced, {@code auth_mode} {@code chatgpt}, {@code last_refresh} now. */
    public AuthJson withTokens(StoredTokens tokens, Instant now) {
        ObjectNode out = toJson();
        out.put(AUTH_MODE, "chatgpt");
        ObjectNode t = out.get(TOKENS) instanceof ObjectNode old ? old : JsonNodeFactory.instance.objectNode();
        t.put("id_token", tokens.idToken());
        t.put("access_token", tokens.accessToken());
        t.put("refresh_token", tokens.refreshToken());
        if (tokens.accountId().isPresent()) {
            t.put("account_id", tokens.accountId().get());
        } else {
            t.putNull("account_id");
        }
        out.set(TOKENS, t);
        out.put(LAST_REFRESH, rfc3339(now));
        return new AuthJson(out);
    }

    /** Tokens and {@code last_refresh} removed; {@code auth_mode} follows what is left. */
    public AuthJson withoutTokens() {
        ObjectNode out = toJson();
        out.remove(TOKENS);
        out.remove(LAST_REFRESH);
        if (apiKeyIn(out)) {
            out.put(AUTH_MODE, "apikey");
        } else {
            out.remove(AUTH_MODE);
        }
        return new AuthJson(out);
    }

    /** {@code OPENAI_API_KEY} set, or set to null when {@code key} is empty. */
    public AuthJson withApiKey(Optional<String> key) {
        ObjectNode out = toJson();
        if (key.isPresent()) {
            out.put(API_KEY, key.get());
            if (!hasTokens(out)) {
                out.put(AUTH_MODE, "apikey");
            }
        } else {
            out.putNull(API_KEY);
            if ("apikey".equals(text(out, AUTH_MODE).orElse(""))) {
                out.remove(AUTH_MODE);
            }
        }
        return new AuthJson(out);
    }

    /** Names of top-level fields this code does not interpret (kept on every rewrite). */
    public Set<String> unknownFields() {
        Set<String> names = new java.util.TreeSet<>();
        root.fieldNames().forEachRemaining(n -> {
            if (!KNOWN.contains(n)) {
                names.add(n);
            }
        });
        return names;
    }

    static String rfc3339(Instant now) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }

    private static boolean hasTokens(ObjectNode n) {
        return n.get(TOKENS) != null && !n.get(TOKENS).isNull();
    }

    private static boolean apiKeyIn(ObjectNode n) {
        return text(n, API_KEY).filter(s -> !s.isBlank()).isPresent();
    }

    private static String required(JsonNode t, String name, Path file) {
        JsonNode v = t.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalStateException(file + ": field 'tokens." + name + "' must be a non-empty string, is "
                    + (v == null ? "missing" : kind(v)));
        }
        return v.asText();
    }

    private static Optional<String> text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static String kind(JsonNode v) {
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
