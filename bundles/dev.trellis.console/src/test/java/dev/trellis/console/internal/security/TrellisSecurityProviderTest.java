package dev.trellis.console.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.console.internal.security.ConsolePassword.Resolved;
import dev.trellis.console.internal.security.ConsolePassword.Source;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TrellisSecurityProviderTest {

    private static final Path FILE = Path.of("/home/x/.trellis/console-password");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsOnlyAdminWithTheRightPassword() {
        var provider = new TrellisSecurityProvider(new Resolved("Right-Pass_123", Source.FILE, FILE), out);

        assertThat(provider.checkBasic(basic("admin", "Right-Pass_123"))).isEqualTo("admin");
        assertThat(provider.checkBasic("basic " + basic("admin", "Right-Pass_123").substring(6))).isEqualTo("admin");
        assertThat(provider.checkBasic(basic("admin", "admin"))).isNull();
        assertThat(provider.checkBasic(basic("admin", "Right-Pass_12"))).isNull();
        assertThat(provider.checkBasic(basic("root", "Right-Pass_123"))).isNull();
        assertThat(provider.checkBasic(null)).isNull();
        assertThat(provider.checkBasic("Bearer abc")).isNull();
        assertThat(provider.checkBasic("Basic !!!not-base64")).isNull();
        assertThat(provider.checkBasic("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()))).isNull();
    }

    @Test
    void passwordMayContainColons() {
        var provider = new TrellisSecurityProvider(new Resolved("a:b:c:d:e", Source.ENVIRONMENT, FILE), out);

        assertThat(provider.checkBasic(basic("admin", "a:b:c:d:e"))).isEqualTo("admin");
    }

    @Test
    void generatedPasswordIsPrintedOnceWithUserAndFile() {
        new TrellisSecurityProvider(new Resolved("Gen3rated-Secret_x1", Source.GENERATED, FILE), out);

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("user:     admin").contains("password: Gen3rated-Secret_x1").contains(FILE.toString());
    }

    @Test
    void storedOrEnvironmentPasswordIsNeverPrinted() {
        new TrellisSecurityProvider(new Resolved("Stored-Secret_x1", Source.FILE, FILE), out);
        new TrellisSecurityProvider(new Resolved("Env-Secret_x1", Source.ENVIRONMENT, FILE), out);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("password in " + FILE).contains("password from TRELLIS_CONSOLE_PASSWORD")
                .doesNotContain("Stored-Secret_x1").doesNotContain("Env-Secret_x1");
    }

    @Test
    void authorizesOnlyTheAdmin() {
        var provider = new TrellisSecurityProvider(new Resolved("Right-Pass_123", Source.FILE, FILE), out);

        assertThat(provider.authorize("admin", "anything")).isTrue();
        assertThat(provider.authorize(null, "anything")).isFalse();
    }
}
