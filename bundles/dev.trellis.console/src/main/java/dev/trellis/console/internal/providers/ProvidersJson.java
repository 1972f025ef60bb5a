package dev.trellis.console.internal.providers;

import static dev.trellis.console.internal.page.Json.str;

import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.api.model.ModelInfo;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code trellis-providers.json}: the gateway snapshot for scripts, plus {@code html}, the page's live part
 * rendered by {@link ProvidersHtml#live} so the page's script only swaps it in (one renderer for both).
 */
final class ProvidersJson {

    private ProvidersJson() {
    }

    static String unavailable(String html) {
        return "{\"available\":false,\"html\":" + str(html) + "}";
    }

    static String page(GatewaySnapshot s, String html) {
        StringBuilder sb = new StringBuilder(2048).append("{\"available\":true,\"takenAt\":").append(time(s.takenAt()))
                .append(",\"defaultModel\":").append(str(s.defaultModel().toString())).append(",\"providers\":")
                .append(list(s.providers(), ProvidersJson::provider)).append(",\"swaps\":").append(list(s.swaps(), ProvidersJson::swap))
                .append(",\"html\":").append(str(html));
        return sb.append('}').toString();
    }

    private static String provider(ProviderDetails d) {
        ProviderStatus st = d.status();
        return "{\"id\":" + str(st.providerId()) + ",\"state\":" + str(st.state().name().toLowerCase(Locale.ROOT))
                + ",\"inFlight\":" + st.inFlight() + ",\"requests\":" + st.requests() + ",\"failures\":" + st.failures()
                + ",\"lastError\":" + str(st.lastError().orElse(null))
                + ",\"rateLimit\":{\"perMinute\":" + d.rateLimit().perMinute() + ",\"perDay\":" + d.rateLimit().perDay()
                + ",\"availableMinute\":" + d.rateLimit().availableMinute() + ",\"availableDay\":" + d.rateLimit().availableDay()
                + ",\"limitedUntil\":" + d.rateLimit().limitedUntil().map(ProvidersJson::time).orElse("null") + "}"
                + ",\"instances\":" + list(d.instances(), ProvidersJson::instance)
                + ",\"models\":" + list(d.models(), ProvidersJson::model)
                + ",\"recentErrors\":" + list(d.recentErrors(), e -> "{\"at\":" + time(e.at()) + ",\"model\":"
                        + str(e.model().toString()) + ",\"kind\":" + str(e.kind()) + ",\"attempt\":" + e.attempt()
                        + ",\"retried\":" + e.retried() + ",\"message\":" + str(e.message()) + "}")
                + "}";
    }

    private static String instance(ProviderInstance i) {
        return "{\"serviceId\":" + i.serviceId() + ",\"bundleId\":" + i.bundleId() + ",\"bundle\":" + str(i.bundleSymbolicName())
                + ",\"version\":" + str(i.bundleVersion()) + ",\"ranking\":" + i.ranking() + ",\"role\":"
                + str(i.role().name().toLowerCase(Locale.ROOT)) + ",\"inFlight\":" + i.inFlight() + ",\"served\":" + i.served()
                + ",\"since\":" + time(i.since()) + "}";
    }

    private static String model(ModelInfo m) {
        return "{\"id\":" + str(m.id().toString()) + ",\"name\":" + str(m.displayName()) + ",\"tools\":" + m.supportsTools()
                + ",\"thinking\":" + m.supportsThinking() + ",\"contextWindow\":"
                + (m.contextWindow().isPresent() ? Integer.toString(m.contextWindow().getAsInt()) : "null") + "}";
    }

    private static String swap(SwapEvent e) {
        return "{\"at\":" + time(e.at()) + ",\"provider\":" + str(e.providerId()) + ",\"kind\":"
                + str(e.kind().name().toLowerCase(Locale.ROOT)) + ",\"serviceId\":" + e.serviceId() + ",\"bundleId\":"
                + e.bundleId() + ",\"version\":" + str(e.bundleVersion()) + ",\"inFlight\":" + e.inFlight()
                + ",\"detail\":" + str(e.detail()) + "}";
    }

    private static <T> String list(List<T> items, Function<T, String> each) {
        StringBuilder sb = new StringBuilder().append('[');
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(each.apply(items.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String time(java.time.Instant t) {
        return str(DateTimeFormatter.ISO_INSTANT.format(t));
    }
}
