package dev.trellis.auth.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.auth.internal.core.Environment;
import dev.trellis.auth.testing.FixtureTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./trellis auth} end to end against the fake authorization server (AC5). */
class AuthCliTest extends FixtureTest {

    String typedKey;
    ByteArrayOutputStream out;
    ByteArrayOutputStream err;

    @BeforeEach
    void setUp() {
        fx.env.put("TRELLIS_OPENAI_ISSUER", fx.server.issuer().toString());
        fx.env.put("CODEX_HOME", fx.codexHome.toString());
        fx.server.deviceTiming(0.01, 900); // poll every 10 ms (the CLI waits in real time)
    }

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        Map<String, String> props = new HashMap<>();
        props.put("trellis.home", fx.trellisHome.toString());
        props.put("trellis.config", tmp.resolve("config").toString());
        AuthCli cli = new AuthCli(Environment.of(fx.env), props, prompt -> Optional.ofNullable(typedKey),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                fx.clock);
        return cli.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusOfAFreshMachine() {
        assertThat(run("status")).isZero();
        assertThat(out()).contains("openai: no credential (./trellis auth login --provider openai, or set OPENAI_API_KEY)")
                .contains("anthropic: no credential").contains("gemini: no credential")
                .contains("set GEMINI_API_KEY or GOOGLE_API_KEY");
        assertThat(run("status", "--provider", "gemini")).isEqualTo(1);
        assertThat(err()).isEqualTo("trellis auth: no credential for gemini: ./trellis auth login --provider gemini, or"
                + " set GEMINI_API_KEY or GOOGLE_API_KEY\n");
    }

    @Test
    void headlessLoginIntoAGivenCodexHomeThenStatusThenClearRevokes() throws Exception {
        Path home = tmp.resolve("elsewhere");
        fx.server.deviceAnswers("authorization_pending", "approved");

        assertThat(run("login", "--provider", "openai", "--headless", "--codex-home", home.toString()))
                .as(err()).isZero();

        assertThat(out()).contains("open " + fx.server.issuer() + "/codex/device").contains("  ABCD-EFGH")
                .contains("expires in 15 min").contains("Logged in. openai: OAuth login, expires ")
                .contains("(in 1 h 0 min), account ...abcd, refreshable").contains("from: ChatGPT login (plan plus) in "
                        + home.resolve("auth.json"));
        assertThat(home.resolve("auth.json")).exists();
        assertThat(fx.codexFile()).doesNotExist();

        fx.clock.advance(Duration.ofMinutes(20));
        assertThat(run("status", "--provider", "openai", "--codex-home", home.toString())).isZero();
        assertThat(out()).isEqualTo("openai: OAuth login, expires 2026-11-25 13:00:00 UTC (in 40 min), account ...abcd,"
                + " refreshable\n  from: ChatGPT login (plan plus) in " + home.resolve("auth.json") + "\n");
        String rt = new com.fasterxml.jackson.databind.ObjectMapper().readTree(home.resolve("auth.json").toFile())
                .at("/tokens/refresh_token").asText();
        assertThat(out()).doesNotContain(rt);

        assertThat(run("clear", "--provider", "openai", "--codex-home", home.toString())).isZero();
        assertThat(out()).contains("Removed the OAuth login of openai.").contains("Revocation: revoked at "
                + fx.server.issuer() + "/oauth/revoke").contains("Now: openai: no credential");
        assertThat(fx.server.revoked()).containsExactly(rt);
    }

    @Test
    void loopbackLoginPrintsTheUrlToOpen() {
        fx.props.clear();
        // ports come from the host's config file, as in the host
        writeConfig("loopback.ports=0\nloopback.timeout.seconds=0.3\n");
        assertThat(run("login", "--provider", "openai")).isEqualTo(1);
        assertThat(out()).contains("Open this URL in a browser on this machine").contains(fx.server.issuer()
                + "/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann");
        assertThat(err()).isEqualTo("trellis auth: login timed out waiting for the browser callback. Start the login"
                + " again, or use --headless (device code)\n");
    }

    @Test
    void failuresExitNonZeroWithTheCauseAndTheFix() {
        fx.server.deviceAnswers("access_denied");
        assertThat(run("login", "--provider", "openai", "--headless")).isEqualTo(1);
        assertThat(err()).isEqualTo("trellis auth: device code login was denied. Nothing was stored; start the login"
                + " again and approve it\n");

        fx.server.deviceAnswers("expired_token");
        assertThat(run("login", "--provider", "openai", "--headless")).isEqualTo(1);
        assertThat(err()).isEqualTo("trellis auth: device code expired; start the login again\n");

        assertThat(run("login", "--provider", "gemini", "--headless")).isEqualTo(2);
        assertThat(err()).contains("--headless only applies to --provider openai");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("clear")).isEqualTo(2);
        assertThat(err()).contains("clear needs --provider");
        assertThat(run("status", "--provider", "mistral")).isEqualTo(2);
        assertThat(err()).contains("no credentials are managed for provider 'mistral'");
    }

    @Test
    void anUnparseableAuthJsonIsNamedWithItsLocation() throws Exception {
        fx.writeCodexFile("{\"tokens\": }");
        assertThat(run("status", "--provider", "openai")).isEqualTo(1);
        assertThat(out()).contains("problem: credential store " + fx.codexFile() + ": line 1, column 12");
        fx.server.deviceAnswers("approved");
        assertThat(run("login", "--provider", "openai", "--headless")).isEqualTo(1);
        assertThat(err()).startsWith("trellis auth: credential store " + fx.codexFile() + ": line 1, column 12");
        assertThat(Files.readString(fx.codexFile())).isEqualTo("{\"tokens\": }");
    }

    @Test
    void apiKeysAreReadFromTheInputAndNeverPrinted() {
        typedKey = "sk-ant-typed-0123456789";
        assertThat(run("login", "--provider", "anthropic")).isZero();
        assertThat(out()).isEqualTo("Stored. anthropic: stored API key\n  from: stored key in "
                + fx.trellisHome.resolve("api-keys.json") + "\n");
        assertThat(run("status")).isZero();
        assertThat(out()).contains("anthropic: stored API key").doesNotContain(typedKey);

        fx.env.put("ANTHROPIC_API_KEY", "sk-ant-env-1");
        typedKey = "sk-ant-second-0123456789";
        assertThat(run("login", "--provider", "anthropic")).isZero();
        assertThat(out()).contains("Note: environment ANTHROPIC_API_KEY comes first");

        typedKey = null;
        assertThat(run("login", "--provider", "gemini")).isEqualTo(1);
        assertThat(err()).isEqualTo("trellis auth: no key entered; nothing was stored.\n");

        assertThat(run("clear", "--provider", "anthropic")).isZero();
        assertThat(out()).contains("Removed the stored API key of anthropic.")
                .contains("Now: anthropic: API key from the environment");
        typedKey = "sk-openai-typed-0123456789";
        assertThat(run("login", "--provider", "openai", "--api-key")).isZero();
        assertThat(out()).contains("openai: stored API key").contains("OPENAI_API_KEY in ");
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("login").contains("status").contains("clear").contains("--headless")
                .contains("--codex-home").contains("not in an OS keyring");
    }

    private void writeConfig(String text) {
        try {
            Files.createDirectories(tmp.resolve("config"));
            Files.writeString(tmp.resolve("config/dev.trellis.auth.cfg"), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
