package dev.trellis.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console is closed to anyone without the generated password, including the Felix default admin/admin. */
class ConsoleSecurityTest {

    @RegisterExtension
    static final RunningHost host = new RunningHost();

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(host.baseUrl() + path)).GET();
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unauthenticatedRequestsGet401WithTrellisRealm() throws Exception {
        for (String path : new String[] {"/system/console/trellis", "/system/console/trellis.json",
                "/system/console/bundles", "/system/console/"}) {
            HttpResponse<String> r = get(path, null, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic realm=\"Trellis\""));
        }
    }

    @Test
    void defaultAdminAdminIsRejected() throws Exception {
        assertThat(get("/system/console/trellis", "admin", "admin").statusCode()).isEqualTo(401);
        assertThat(get("/system/console/bundles", "admin", "admin").statusCode()).isEqualTo(401);
    }

    @Test
    void wrongUserOrPasswordIsRejected() throws Exception {
        assertThat(get("/system/console/trellis", "root", host.password()).statusCode()).isEqualTo(401);
        assertThat(get("/system/console/trellis", "admin", host.password() + "x").statusCode()).isEqualTo(401);
    }

    @Test
    void generatedPasswordOpensTheConsole() throws Exception {
        assertThat(get("/system/console/trellis", "admin", host.password()).statusCode()).isEqualTo(200);
    }

    @Test
    void firstStartPrintedThePasswordOnceAndStoredItOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(host.passwordFile())))
                .isEqualTo("rw-------");
        assertThat(host.password()).matches("[A-Za-z0-9_-]{20}");
        String out = host.output();
        assertThat(out).contains("user:     admin").contains("saved in: " + host.passwordFile());
        assertThat(out.split(java.util.regex.Pattern.quote(host.password()), -1)).hasSize(2);
    }
}
