package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A second start on the same home keeps the password and does not print it again. */
class PasswordReuseTest {

    @RegisterExtension
    static final RunningHost host = new RunningHost();

    @Test
    void secondStartReusesThePasswordAndPrintsOnlyWhereItIs() throws Exception {
        String first = host.password();
        var modified = Files.getLastModifiedTime(host.passwordFile());
        assertThat(host.output()).contains(first);

        host.stop();
        host.start();

        assertThat(host.password()).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(host.passwordFile())).isEqualTo(modified);
        String second = host.output();
        assertThat(second).contains("Trellis console: user admin, password in " + host.passwordFile())
                .doesNotContain(first).doesNotContain("was generated");

        HttpResponse<Void> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(host.baseUrl() + "/system/console/trellis.json"))
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString(("admin:" + first).getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
