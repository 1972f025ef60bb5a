package dev.trellis.auth.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.auth.internal.core.AuthEngine;
import dev.trellis.auth.internal.core.Pause;
import dev.trellis.auth.testing.FixtureTest;
import dev.trellis.auth.testing.LoginDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** auth.json as codex writes it: round trip, unknown fields, modes, atomic writes, broken and read-only files. */
class CodexAuthFileTest extends FixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRealCodexFileIsReadAndRewrittenWithEveryUnknownFieldKept() throws Exception {
        fx.codexLogin(Duration.ofSeconds(5)); // expires within 8 s: the resolve refreshes and rewrites the file
        JsonNode before = JSON.readTree(fx.codexFileText());
        AuthEngine engine = fx.engine();

        var cred = engine.resolve(ProviderKind.OPENAI);

        JsonNode after = JSON.readTree(fx.codexFileText());
        assertThat(fx.server.refreshCalls()).isEqualTo(1);
        assertThat(cred.secret()).isEqualTo(after.at("/tokens/access_token").asText())
                .isNotEqualTo(before.at("/tokens/access_token").asText());
        assertThat(after.get("auth_mode").asText()).isEqualTo("chatgpt");
        assertThat(after.has("OPENAI_API_KEY")).isTrue();
        assertThat(after.get("OPENAI_API_KEY").isNull()).isTrue();
        assertThat(after.get("codex_future_setting")).isEqualTo(before.get("codex_future_setting"));
        assertThat(after.has("agent_identity")).isTrue();
        assertThat(after.at("/tokens/future_token_field/kept").asBoolean()).isTrue();
        assertThat(after.at("/tokens/account_id").asText()).isEqualTo("acct-1234abcd");
        assertThat(Instant.parse(after.get("last_refresh").asText())).isEqualTo(fx.clock.instant());
        // field order as codex writes it, two-space indent and "key": value
        assertThat(fx.codexFileText()).startsWith("{\n  \"auth_mode\": \"chatgpt\",\n  \"OPENAI_API_KEY\": null,\n");
    }

    @Test
    void aNewFileAlwaysCarriesOpenAiApiKeyEvenWhenNullAndIsPrivate() throws Exception {
        fx.props.put("openai.store", "codex");
        AuthEngine engine = fx.engine();
        engine.storeApiKey(ProviderKind.GEMINI, "gm-key-123456789");
        engine.clear(ProviderKind.GEMINI);
        // a login writes the file from scratch
        var status = new LoginDriver(fx, engine).deviceCodeLogin();
        assertThat(status.tier()).contains(AuthTier.OAUTH);

        JsonNode written = JSON.readTree(fx.codexFileText());
        assertThat(written.has("OPENAI_API_KEY")).isTrue();
        assertThat(written.get("OPENAI_API_KEY").isNull()).isTrue();
        assertThat(written.get("auth_mode").asText()).isEqualTo("chatgpt");
        assertThat(written.at("/tokens/id_token").asText()).contains(".");
        assumeTrue(SecureFiles.posix(fx.codexHome), "POSIX file modes");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.codexFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.codexHome))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.codexHome.resolve("auth.json.lock"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(fx.codexHome)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("auth.json", "auth.json.lock");
        }
    }

    @Test
    void anExistingLooseFileIsTightenedTo0600WhenRewritten() throws Exception {
        assumeTrue(SecureFiles.posix(tmp), "POSIX file modes");
        fx.codexLogin(Duration.ofSeconds(1));
        Files.setPosixFilePermissions(fx.codexFile(), PosixFilePermissions.fromString("rw-r--r--"));
        fx.engine().resolve(ProviderKind.OPENAI);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.codexFile()))).isEqualTo("rw-------");
    }

    @Test
    void anUnparseableFileIsReportedWithLineAndColumnAndNeverOverwritten() throws Exception {
        String broken = "{\n  \"auth_mode\": \"chatgpt\",\n  \"tokens\": {\"access_token\": oops}\n}\n";
        fx.writeCodexFile(broken);
        AuthEngine engine = fx.engine();

        assertThatThrownBy(() -> engine.resolve(ProviderKind.OPENAI)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.error()).isInstanceOf(AuthError.StorageFailed.class);
            assertThat(e.getMessage()).contains(fx.codexFile().toString()).contains("line 3, column")
                    .contains("left as it is");
        });
        assertThat(engine.status(ProviderKind.OPENAI).problem()).hasValueSatisfying(p -> assertThat(p).contains("line 3"));
        assertThatThrownBy(() -> engine.storeApiKey(ProviderKind.OPENAI, "sk-new-key-0000"))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> engine.clear(ProviderKind.OPENAI)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> new LoginDriver(fx, engine).deviceCodeLogin()).isInstanceOf(AuthException.class);
        assertThat(fx.codexFileText()).isEqualTo(broken);
    }

    @Test
    void aBrokenFileDoesNotHideAnEnvironmentKey() throws Exception {
        fx.writeCodexFile("[1, 2]");
        fx.env.put("OPENAI_API_KEY", "sk-env-1234567890");
        AuthEngine engine = fx.engine();
        assertThat(engine.resolve(ProviderKind.OPENAI).secret()).isEqualTo("sk-env-1234567890");
        var status = engine.status(ProviderKind.OPENAI);
        assertThat(status.tier()).contains(AuthTier.ENV_KEY);
        assertThat(status.problem()).hasValueSatisfying(p -> assertThat(p).contains("expected a JSON object"));
        assertThat(fx.codexFileText()).isEqualTo("[1, 2]");
    }

    @Test
    void tokensOfTheWrongShapeNameTheField() throws Exception {
        fx.writeCodexFile("{\"tokens\": {\"id_token\": \"a.b.c\", \"access_token\": 42, \"refresh_token\": \"r\"}}");
        assertThatThrownBy(() -> fx.engine().resolve(ProviderKind.OPENAI))
                .hasMessageContaining("tokens.access_token").hasMessageContaining("number");
    }

    @Test
    void aReadOnlyDirectoryFailsWithStorageFailedAndKeepsTheOriginal() throws Exception {
        fx.codexLogin(Duration.ofSeconds(3));
        String original = fx.codexFileText();
        ReadOnly.make(fx.codexHome);
        try {
            AuthEngine engine = fx.engine();
            assertThatThrownBy(() -> engine.storeApiKey(ProviderKind.OPENAI, "sk-new-key-0000"))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.error()).isInstanceOf(AuthError.StorageFailed.class));
            assertThat(fx.codexFileText()).isEqualTo(original);
        } finally {
            ReadOnly.undo(fx.codexHome);
        }
        try (var files = Files.list(fx.codexHome)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("auth.json");
        }
    }

    @Test
    void aFailedRenameLeavesTheOriginalAndNoTemporaryFile() throws Exception {
        // the target is a non-empty directory: the rename fails after the temporary file was written
        Path target = tmp.resolve("keys.json");
        Files.createDirectories(target.resolve("occupied"));
        JsonFileStore store = new JsonFileStore(target, Duration.ofSeconds(2), Clock.systemUTC(), Pause.REAL);
        assertThatThrownBy(() -> store.locked(l -> {
            l.write(JSON.createObjectNode().put("a", 1));
            return null;
        })).isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.getMessage()).contains("previous file is unchanged"));
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("keys.json", "keys.json.lock")
                    .noneMatch(n -> n.contains(".tmp."));
        }
        assertThat(target.resolve("occupied")).isDirectory();
    }

    @Test
    void apiKeysOfAnthropicAndGeminiLiveInTrellisOwnPrivateFile() throws Exception {
        AuthEngine engine = fx.engine();
        engine.storeApiKey(ProviderKind.ANTHROPIC, "sk-ant-0123456789");
        engine.storeApiKey(ProviderKind.GEMINI, "gm-0123456789");
        Path keys = fx.trellisHome.resolve("api-keys.json");
        JsonNode json = JSON.readTree(Files.readString(keys, StandardCharsets.UTF_8));
        assertThat(json.at("/anthropic/key").asText()).isEqualTo("sk-ant-0123456789");
        assertThat(Instant.parse(json.at("/gemini/stored_at").asText())).isEqualTo(fx.clock.instant());
        assertThat(fx.codexFile()).doesNotExist();
        if (SecureFiles.posix(keys)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        }
        engine.clear(ProviderKind.ANTHROPIC);
        assertThat(JSON.readTree(Files.readString(keys)).has("anthropic")).isFalse();
        engine.clear(ProviderKind.GEMINI);
        assertThat(keys).doesNotExist();
    }

    @Test
    void viewKeepsUnknownFieldsAcrossEveryChange() throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                "{\"auth_mode\":\"agentIdentity\",\"agent_identity\":{\"id\":\"a\"},\"x\":1}");
        AuthJson json = AuthJson.of(root);
        assertThat(json.unknownFields()).containsExactly("agent_identity", "x");
        AuthJson changed = json.withTokens(new StoredTokens("i.d.t", "a.c.c", "ref", Optional.empty()), Instant.EPOCH)
                .withApiKey(Optional.of("sk-1")).withoutTokens().withApiKey(Optional.empty());
        assertThat(changed.toJson().get("agent_identity")).isEqualTo(root.get("agent_identity"));
        assertThat(changed.toJson().get("x").asInt()).isEqualTo(1);
        assertThat(changed.isEmpty()).isFalse();
        assertThat(changed.toJson().has("OPENAI_API_KEY")).isTrue();
        assertThat(AuthJson.empty().withApiKey(Optional.of("k")).withApiKey(Optional.empty()).isEmpty()).isTrue();
        assertThat(Set.of("chatgpt")).contains(json.withTokens(new StoredTokens("i", "a", "r", Optional.empty()),
                Instant.EPOCH).authMode().orElseThrow());
    }
}
