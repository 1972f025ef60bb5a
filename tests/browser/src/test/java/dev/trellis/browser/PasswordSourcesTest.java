package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TRELLIS_CONSOLE_PASSWORD overrides the file; a broken password file keeps the console closed with a clear error. */
class PasswordSourcesTest {

    private static int status(RunningHost host, String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(host.baseUrl() + path)).GET();
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Nested
    class EnvironmentOverride {

        @RegisterExtension
        static final RunningHost host = new RunningHost().withEnv("TRELLIS_CONSOLE_PASSWORD", "Env-Override_Pass-42");

        @Test
        void overrideIsUsedNeverStoredNeverPrinted() throws Exception {
            assertThat(status(host, "/system/console/trellis", "admin", "Env-Override_Pass-42")).isEqualTo(200);
            assertThat(status(host, "/system/console/trellis", "admin", "admin")).isEqualTo(401);
            assertThat(Files.exists(host.passwordFile())).isFalse();
            assertThat(host.output()).contains("password from TRELLIS_CONSOLE_PASSWORD")
                    .doesNotContain("Env-Override_Pass-42");
        }
    }

    @Nested
    class BrokenPasswordFile {

        @RegisterExtension
        static final RunningHost host = new RunningHost().withHomeFile("console-password", "bad\n")
                .notWaitingForConsole();

        @Test
        void consoleStaysClosedAndStdoutSaysWhy() throws Exception {
            String out = host.awaitOutput("does not hold a usable password");

            assertThat(out).contains("ERROR [dev.trellis.console]")
                    .contains("Console password file " + host.passwordFile());
            // HTTP comes up (Jetty's 404), but no console and no admin/admin fallback
            Awaitility.await("HTTP listening").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> status(host, "/system/console/bundles", "admin", "admin") > 0);
            assertThat(status(host, "/system/console/bundles", "admin", "admin")).isEqualTo(404);
            assertThat(status(host, "/system/console/bundles", null, null)).isEqualTo(404);
            assertThat(Files.readString(host.passwordFile())).isEqualTo("bad\n");
        }
    }
}
