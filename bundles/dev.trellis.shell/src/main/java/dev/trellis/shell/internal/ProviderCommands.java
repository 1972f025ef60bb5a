package dev.trellis.shell.internal;

import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import dev.trellis.api.gateway.RateLimitState;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo commands over the model gateway: {@code trellis:providers} (providers, their services and the swap
 * history), {@code trellis:models}, and {@code trellis:ask <model> <prompt>} (streams the answer to the shell).
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=trellis",
        "osgi.command.function=providers",
        "osgi.command.function=models",
        "osgi.command.function=ask"})
public final class ProviderCommands {

    static final int SWAPS_SHOWN = 10;
    static final int ASK_SECONDS = 120;

    // optional + dynamic: the commands stay and explain themselves while the gateway is away
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModelGateway gateway;

    public ProviderCommands() {
    }

    ProviderCommands(ModelGateway gateway) {
        this.gateway = gateway;
    }

    @Descriptor("model providers: state, streams in flight, counters, rate limit; their services; recent swaps")
    public String providers() {
        return format(gateway().snapshot());
    }

    @Descriptor("models of every registered provider")
    public String models() {
        List<ModelInfo> models = gateway().models();
        if (models.isEmpty()) {
            return "No models: no provider is registered, or none could list its models.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (ModelInfo m : models) {
            rows.add(List.of(m.id().toString(), m.displayName(), m.supportsTools() ? "yes" : "no",
                    m.supportsThinking() ? "yes" : "no",
                    m.contextWindow().isPresent() ? Integer.toString(m.contextWindow().getAsInt()) : ""));
        }
        return ShellFormat.table(List.of("MODEL", "NAME", "TOOLS", "THINKING", "CONTEXT"), rows)
                + models.size() + (models.size() == 1 ? " model\n" : " models\n");
    }

    @Descriptor("send a prompt to a model through the gateway and print the answer (default model if 'default')")
    public String ask(@Descriptor("provider/model, or 'default'") String model,
            @Descriptor("the prompt (quote it)") String prompt) throws InterruptedException {
        ModelGateway g = gateway();
        ModelId id = model.equals("default") ? g.defaultModel() : ModelId.parse(model);
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("ask needs a prompt, e.g. trellis:ask scripted/echo \"hello\"");
        }
        Answer answer = new Answer();
        StreamHandle h = g.stream(ChatRequest.of(id, "", prompt), answer);
        if (!answer.done.await(ASK_SECONDS, TimeUnit.SECONDS)) {
            h.cancel();
            return answer.text + "\n(no answer within " + ASK_SECONDS + " s; cancelled)\n";
        }
        return id + ": " + answer.text + "\n(" + answer.end + ")\n";
    }

    /** Collects an answer for {@link #ask}; calls come one at a time from the gateway. */
    private static final class Answer implements StreamListener {
        final CountDownLatch done = new CountDownLatch(1);
        final StringBuilder text = new StringBuilder();
        volatile String end = "";

        @Override
        public void onEvent(StreamEvent event) {
            switch (event) {
                case StreamEvent.TextDelta t -> text.append(t.text());
                case StreamEvent.ToolCallStart s -> text.append("\n[tool call ").append(s.name()).append(' ');
                case StreamEvent.ToolCallDelta d -> text.append(d.argumentsFragment());
                case StreamEvent.ToolCallEnd e -> text.append("]");
                case StreamEvent.Usage u -> end = "tokens in " + u.inputTokens() + ", out " + u.outputTokens();
                case StreamEvent.Stop s -> {
                    end = s.reason().id() + (end.isEmpty() ? "" : "; " + end);
                    done.countDown();
                }
                case StreamEvent.ThinkingDelta t -> {
                    // reasoning is not printed
                }
            }
        }

        @Override
        public void onError(ModelException error) {
            end = "failed: " + error.getMessage();
            done.countDown();
        }
    }

    static String format(GatewaySnapshot s) {
        StringBuilder sb = new StringBuilder("Default model: ").append(s.defaultModel()).append("\n\n");
        if (s.providers().isEmpty()) {
            sb.append("No model provider is registered.\n");
        } else {
            List<List<String>> rows = new ArrayList<>();
            List<List<String>> services = new ArrayList<>();
            for (ProviderDetails d : s.providers()) {
                rows.add(List.of(d.status().providerId(), d.status().state().name().toLowerCase(Locale.ROOT),
                        Integer.toString(d.status().inFlight()), Long.toString(d.status().requests()),
                        Long.toString(d.status().failures()), rate(d.rateLimit()), d.status().lastError().orElse("")));
                for (ProviderInstance i : d.instances()) {
                    services.add(List.of(d.status().providerId(), Long.toString(i.serviceId()),
                            i.bundleSymbolicName() + " [" + i.bundleId() + "]", i.bundleVersion(),
                            i.role().name().toLowerCase(Locale.ROOT), Integer.toString(i.inFlight()), Long.toString(i.served())));
                }
            }
            sb.append(ShellFormat.table(List.of("PROVIDER", "STATE", "IN FLIGHT", "REQUESTS", "FAILURES", "RATE LIMIT",
                    "LAST ERROR"), rows)).append('\n');
            sb.append(ShellFormat.table(List.of("PROVIDER", "SERVICE", "BUNDLE", "VERSION", "ROLE", "IN FLIGHT", "SERVED"),
                    services));
        }
        List<SwapEvent> swaps = s.swaps().subList(0, Math.min(SWAPS_SHOWN, s.swaps().size()));
        if (!swaps.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (SwapEvent e : swaps) {
                rows.add(List.of(ShellFormat.time(e.at()), e.providerId(), e.kind().name().toLowerCase(Locale.ROOT),
                        Long.toString(e.serviceId()), e.bundleVersion(), e.detail()));
            }
            sb.append("\nRecent swaps (newest first):\n")
                    .append(ShellFormat.table(List.of("TIME", "PROVIDER", "EVENT", "SERVICE", "VERSION", "DETAIL"), rows));
        }
        return sb.toString();
    }

    private static String rate(RateLimitState r) {
        if (r.unlimited()) {
            return "none";
        }
        return (r.perMinute() > 0 ? r.availableMinute() + "/" + r.perMinute() + " min" : "")
                + (r.perMinute() > 0 && r.perDay() > 0 ? ", " : "")
                + (r.perDay() > 0 ? r.availableDay() + "/" + r.perDay() + " day" : "")
                + r.limitedUntil().map(u -> " (waiting)").orElse("");
    }

    private ModelGateway gateway() {
        ModelGateway g = gateway;
        if (g == null) {
            throw new IllegalStateException("the model gateway is not available: is dev.trellis.gateway active? (lb trellis)");
        }
        return g;
    }
}
