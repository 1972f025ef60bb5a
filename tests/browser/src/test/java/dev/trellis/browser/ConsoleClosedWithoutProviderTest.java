package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without the Trellis security provider the Web Console must be closed, not fall back to Felix's admin/admin.
 * The host requires the provider by id (felix.webconsole.security.providers=trellis), so the console unregisters
 * itself when dev.trellis.console stops: the same state as the start-up window before the provider registers.
 */
class ConsoleClosedWithoutProviderTest {

    @RegisterExtension
    static final RunningHost host = new RunningHost();

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String user, String password, String form)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(host.baseUrl() + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stoppingTheConsoleBundleClosesTheConsoleInsteadOfFallingBackToAdminAdmin() throws Exception {
        String password = host.password();
        String json = send("GET", "/system/console/trellis.json", "admin", password, null).body();
        Matcher id = Pattern.compile("\\{\"id\":(\\d+),\"bsn\":\"dev\\.trellis\\.console\"").matcher(json);
        assertThat(id.find()).as(json).isTrue();

        var stop = send("POST", "/system/console/bundles/" + id.group(1), "admin", password, "action=stop");
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);

        // The console unregisters asynchronously (service events); wait for it to be gone.
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> send("GET", "/system/console/bundles", "admin", password, null).statusCode() == 404);
        for (String path : new String[] {"/system/console/bundles", "/system/console/trellis", "/system/console/"}) {
            assertThat(send("GET", path, "admin", "admin", null).statusCode()).as("admin/admin " + path)
                    .isEqualTo(404);
            assertThat(send("GET", path, null, null, null).statusCode()).as("anonymous " + path).isEqualTo(404);
        }
    }
}
