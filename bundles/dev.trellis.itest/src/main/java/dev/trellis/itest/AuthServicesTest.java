package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.LoginService;
import dev.trellis.api.auth.ProviderKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The auth bundle in the host configuration: one component offers CredentialResolver and LoginService, follows
 * its configuration (PID dev.trellis.auth), answers "no credential" for an empty codex home with environment keys
 * off, stores and clears a key in the configured file, and the host stays up throughout.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class AuthServicesTest {

    static final String PID = "dev.trellis.auth";

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 5000)
    ConfigurationAdmin cm;

    @TempDir
    Path tmp;

    Configuration config;

    @BeforeEach
    void configure() throws Exception {
        config = cm.getConfiguration(PID, "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("openai.store", "codex");
        props.put("codex.home", tmp.resolve("codex").toString());
        props.put("keys.file", tmp.resolve("api-keys.json").toString());
        props.put("environment.keys", false); // the machine's own keys must not decide this test
        config.update(props);
    }

    @AfterEach
    void unconfigure() throws Exception {
        config.delete();
    }

    @Test
    void bothServicesComeFromTheAuthBundleAndFollowTheConfiguration() {
        CredentialResolver resolver = configured(CredentialResolver.class);
        LoginService login = configured(LoginService.class);
        assertThat(ctx.getServiceReference(CredentialResolver.class).getBundle().getSymbolicName())
                .isEqualTo("dev.trellis.auth");
        assertThat(serviceId(CredentialResolver.class)).isEqualTo(serviceId(LoginService.class)); // one component

        for (ProviderKind p : ProviderKind.values()) {
            AuthStatus s = resolver.status(p);
            assertThat(s.tier()).as(p.id()).isEmpty();
            assertThat(s.problem()).as(p.id()).isEmpty();
        }
        assertThat(tmp.resolve("codex")).doesNotExist(); // status reads, never writes

        assertThat(login.storeApiKey(ProviderKind.GEMINI, "gm-itest-0123456789").tier()).contains(AuthTier.STORED_KEY);
        assertThat(resolver.resolve(ProviderKind.GEMINI).secret()).isEqualTo("gm-itest-0123456789");
        assertThat(tmp.resolve("api-keys.json")).exists();
        assertThat(login.clear(ProviderKind.GEMINI).keyRemoved()).isTrue();
        assertThat(resolver.status(ProviderKind.GEMINI).tier()).isEmpty();
        assertThat(Files.exists(tmp.resolve("api-keys.json"))).isFalse();

        List<String> notActive = Arrays.stream(ctx.getBundles())
                .filter(b -> b.getHeaders().get("Fragment-Host") == null && b.getState() != Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).toList();
        assertThat(notActive).isEmpty();
    }

    /** The service once the component was re-created with this test's configuration. */
    private <T> T configured(Class<T> type) {
        String filter = "(codex.home=" + tmp.resolve("codex") + ")";
        return Awaitility.await(type.getSimpleName() + " with " + filter).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    var refs = ctx.getServiceReferences(type, filter);
                    return refs.isEmpty() ? null : ctx.getService(refs.iterator().next());
                }, s -> s != null);
    }

    private Object serviceId(Class<?> type) {
        ServiceReference<?> ref = ctx.getServiceReference(type);
        return ref.getProperty("component.id");
    }
}
