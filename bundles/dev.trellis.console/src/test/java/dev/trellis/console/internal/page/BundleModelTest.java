package dev.trellis.console.internal.page;

import static dev.trellis.console.testing.Fakes.fake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.console.internal.log.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

class BundleModelTest {

    private static ServiceReference<?> ref(Map<String, Object> props) {
        return fake(ServiceReference.class, Map.of("getProperty", a -> props.get((String) a[0])));
    }

    private static Bundle bundle(long id, String bsn, int state, ServiceReference<?>[] registered,
            ServiceReference<?>[] inUse) {
        return bundle(id, bsn, state, registered, inUse, new Hashtable<>());
    }

    private static Bundle bundle(long id, String bsn, int state, ServiceReference<?>[] registered,
            ServiceReference<?>[] inUse, Dictionary<String, String> headers) {
        return fake(Bundle.class, Map.of(
                "getBundleId", a -> id,
                "getSymbolicName", a -> bsn,
                "getState", a -> state,
                "getVersion", a -> Version.parseVersion("0.1.0.SNAPSHOT"),
                "getHeaders", a -> headers,
                "getRegisteredServices", a -> registered,
                "getServicesInUse", a -> inUse));
    }

    @Test
    void aResolvedFragmentSaysWhatItIsAttachedTo() {
        Dictionary<String, String> headers = new Hashtable<>(Map.of(Constants.FRAGMENT_HOST,
                "slf4j.api;bundle-version=\"[2.0,3)\""));
        Bundle fragment = bundle(27, "dev.trellis.logging", Bundle.RESOLVED, null, null, headers);

        assertThat(BundleModel.rows(new Bundle[] {fragment})).extracting(BundleRow::state)
                .containsExactly("Fragment of slf4j.api");
    }

    private static final ServiceReference<?> TOOL = ref(Map.of(
            Constants.OBJECTCLASS, new String[] {"dev.trellis.api.tool.Tool"}, "tool.name", "hello"));
    private static final ServiceReference<?> SERVLET = ref(Map.of(
            Constants.OBJECTCLASS, new String[] {"jakarta.servlet.Servlet"}));
    private static final ServiceReference<?> OTHER_TOOL = ref(Map.of(
            Constants.OBJECTCLASS, new String[] {"com.acme.Thing"}, "tool.name", "acme"));

    @Test
    void listsOnlyTrellisBundlesSortedWithTheirTrellisServices() {
        Bundle[] bundles = {
            bundle(7, "dev.trellis.example.hello", Bundle.ACTIVE, new ServiceReference<?>[] {TOOL, SERVLET}, null),
            bundle(1, "org.apache.felix.scr", Bundle.ACTIVE, new ServiceReference<?>[] {TOOL}, null),
            bundle(3, "dev.trellis.api", Bundle.RESOLVED, null, null),
            bundle(9, "dev.trellis.agent", Bundle.ACTIVE, null, new ServiceReference<?>[] {TOOL, OTHER_TOOL, SERVLET}),
            bundle(0, null, Bundle.ACTIVE, null, null),
        };

        List<BundleRow> rows = BundleModel.rows(bundles);

        assertThat(rows).extracting(BundleRow::bsn)
                .containsExactly("dev.trellis.agent", "dev.trellis.api", "dev.trellis.example.hello");
        assertThat(rows.get(1).state()).isEqualTo("Resolved");
        assertThat(rows.get(1).provides()).isEmpty();
        assertThat(rows.get(2).state()).isEqualTo("Active");
        assertThat(rows.get(2).version()).isEqualTo("0.1.0.SNAPSHOT");
        assertThat(rows.get(2).provides()).containsExactly("dev.trellis.api.tool.Tool [tool.name=hello]");
        assertThat(rows.get(0).uses())
                .containsExactly("com.acme.Thing [tool.name=acme]", "dev.trellis.api.tool.Tool [tool.name=hello]");
    }

    @Test
    void uninstalledMeanwhileShowsNoServices() {
        Bundle gone = fake(Bundle.class, Map.of(
                "getBundleId", a -> 4L,
                "getSymbolicName", a -> "dev.trellis.gone",
                "getState", a -> Bundle.UNINSTALLED,
                "getVersion", a -> Version.emptyVersion,
                "getHeaders", a -> new Hashtable<String, String>(),
                "getRegisteredServices", a -> {
                    throw new IllegalStateException("uninstalled");
                }));

        assertThat(BundleModel.rows(new Bundle[] {gone}))
                .containsExactly(new BundleRow(4, "dev.trellis.gone", "Uninstalled", "0.0.0", List.of(), List.of()));
    }

    @Test
    void jsonEscapesEverythingDangerous() {
        var rows = List.of(new BundleRow(5, "dev.trellis.\"x\"", "Active", "1.0.0",
                List.of("a\\b</script>"), List.of()));
        var problems = List.of(new Problem(Instant.parse("2026-01-02T03:04:05Z"), "ERROR", "b", "line1\nline2\u0001",
                null, null));

        String json = Json.page(rows, problems);

        assertThat(json).isEqualTo("{\"bundles\":[{\"id\":5,\"bsn\":\"dev.trellis.\\\"x\\\"\",\"state\":\"Active\","
                + "\"version\":\"1.0.0\",\"provides\":[\"a\\\\b\\u003c/script\\u003e\"],\"uses\":[]}],"
                + "\"problems\":[{\"time\":\"2026-01-02T03:04:05Z\",\"level\":\"ERROR\",\"bundle\":\"b\","
                + "\"message\":\"line1\\nline2\\u0001\",\"exception\":null,\"cause\":null}]}");
    }

    @Test
    void htmlHasTheContractMarkupAndEscapes() {
        var rows = List.of(new BundleRow(5, "dev.trellis.api", "Active", "0.1.0",
                List.of("<img src=x onerror=alert(1)>"), List.of()));
        var problems = List.of(new Problem(Instant.now(), "WARN", "b\"<", "<b>bold</b> ${appRoot}", "java.lang.X: <y>",
                "java.lang.Y: <z>"));
        StringWriter sw = new StringWriter();

        TrellisPage.html(rows, problems, new PrintWriter(sw));

        String html = sw.toString();
        assertThat(html).contains("<table id=\"trellis-bundles\"")
                .contains("<tr data-bsn=\"dev.trellis.api\">")
                .contains("<td class=\"state\">Active</td>")
                .contains("<td class=\"version\">0.1.0</td>")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img").doesNotContain("<b>bold")
                .contains("Recent problems").contains("&lt;b&gt;bold&lt;/b&gt; &#36;{appRoot}").doesNotContain("${").contains("java.lang.X: &lt;y&gt;")
                .contains("caused by <code>java.lang.Y: &lt;z&gt;</code>");
    }

    @Test
    void htmlSaysWhenThereAreNoProblems() {
        StringWriter sw = new StringWriter();

        TrellisPage.html(List.of(), List.of(), new PrintWriter(sw));

        assertThat(sw.toString()).contains("No dev.trellis.* bundles are installed.")
                .contains("No warnings or errors logged since start.");
    }
}
