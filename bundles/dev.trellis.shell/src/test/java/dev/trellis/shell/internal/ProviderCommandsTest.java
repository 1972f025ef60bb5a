package dev.trellis.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.gateway.RateLimitState;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ProviderCommandsTest {

    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    private final List<ChatRequest> asked = new ArrayList<>();
    private boolean fail;

    private final ModelGateway gateway = new ModelGateway() {
        @Override
        public StreamHandle stream(ChatRequest request, StreamListener listener) {
            asked.add(request);
            if (fail) {
                listener.onError(new ModelException(new ModelError.ProviderUnavailable("nope")));
            } else {
                listener.onEvent(new StreamEvent.TextDelta("hello "));
                listener.onEvent(new StreamEvent.TextDelta("there"));
                listener.onEvent(new StreamEvent.Usage(4, 2, 0, 0));
                listener.onEvent(new StreamEvent.Stop(StopReason.END_TURN));
            }
            return new StreamHandle() {
                @Override
                public void cancel() {
                }

                @Override
                public CompletionStage<StopReason> completion() {
                    return CompletableFuture.completedFuture(StopReason.END_TURN);
                }
            };
        }

        @Override
        public List<ModelInfo> models() {
            return List.of(new ModelInfo(ModelId.parse("scripted/echo"), "Echo", OptionalInt.empty(), true, false));
        }

        @Override
        public List<ProviderStatus> status() {
            return List.of();
        }

        @Override
        public GatewaySnapshot snapshot() {
            ProviderStatus st = new ProviderStatus("scripted", ProviderStatus.State.DRAINING, 3, 12, 0, Optional.empty(),
                    Optional.empty());
            ProviderInstance i = new ProviderInstance(51, 9, "dev.trellis.provider.scripted", "0.1.4", 0,
                    ProviderInstance.Role.DRAINING, 3, 12, AT);
            SwapEvent e = new SwapEvent(AT, "scripted", SwapEvent.Kind.REMOVED, 51, 9, "0.1.4", 3,
                    "draining 3 stream(s); no other instance");
            return new GatewaySnapshot(AT, ModelGateway.FALLBACK_MODEL, List.of(new ProviderDetails(st, List.of(i), List.of(),
                    new RateLimitState(60, 0, 59, 0, Optional.empty()), List.of())), List.of(e));
        }
    };

    @Test
    void providersPrintsProvidersServicesAndSwaps() {
        assertThat(new ProviderCommands(gateway).providers()).isEqualTo("""
                Default model: scripted/echo

                PROVIDER  STATE     IN FLIGHT  REQUESTS  FAILURES  RATE LIMIT  LAST ERROR
                --------  --------  ---------  --------  --------  ----------  ----------
                scripted  draining  3          12        0         59/60 min

                PROVIDER  SERVICE  BUNDLE                             VERSION  ROLE      IN FLIGHT  SERVED
                --------  -------  ---------------------------------  -------  --------  ---------  ------
                scripted  51       dev.trellis.provider.scripted [9]  0.1.4    draining  3          12

                Recent swaps (newest first):
                TIME                  PROVIDER  EVENT    SERVICE  VERSION  DETAIL
                --------------------  --------  -------  -------  -------  ---------------------------------------
                2026-03-04 05:06:07Z  scripted  removed  51       0.1.4    draining 3 stream(s); no other instance
                """);
    }

    @Test
    void modelsAndAsk() throws Exception {
        ProviderCommands c = new ProviderCommands(gateway);
        assertThat(c.models()).contains("scripted/echo  Echo  yes    no").endsWith("1 model\n");
        assertThat(c.ask("default", "hi")).isEqualTo("scripted/echo: hello there\n(end_turn; tokens in 4, out 2)\n");
        assertThat(asked.getFirst().model()).isEqualTo(ModelGateway.FALLBACK_MODEL);
        fail = true;
        assertThat(c.ask("nope/x", "hi")).isEqualTo("nope/x: \n(failed: no model provider 'nope' is available)\n");
        assertThatThrownBy(() -> c.ask("echo", "hi")).hasMessage("model id 'echo' must be 'provider/model'");
    }

    @Test
    void withoutTheGatewayTheCommandsSaySo() {
        assertThatThrownBy(() -> new ProviderCommands(null).providers())
                .hasMessageStartingWith("the model gateway is not available");
    }
}
