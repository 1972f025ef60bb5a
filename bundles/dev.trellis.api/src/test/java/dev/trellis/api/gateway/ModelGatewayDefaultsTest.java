package dev.trellis.api.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The 1.1 additions: what a gateway that predates them (or a test double) answers, and the records' checks. */
class ModelGatewayDefaultsTest {

    private final ModelGateway old = new ModelGateway() {
        @Override
        public StreamHandle stream(ChatRequest request, StreamListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ModelInfo> models() {
            return List.of();
        }

        @Override
        public List<ProviderStatus> status() {
            return List.of(new ProviderStatus("openai", ProviderStatus.State.AVAILABLE, 1, 2, 0, Optional.empty(),
                    Optional.empty()));
        }
    };

    @Test
    void aGatewayWithoutTheAdditionsDefaultsToScriptedEchoAndASnapshotOfItsStatus() {
        assertThat(old.defaultModel()).isEqualTo(new ModelId("scripted", "echo"));
        GatewaySnapshot s = old.snapshot();
        assertThat(s.defaultModel()).isEqualTo(ModelGateway.FALLBACK_MODEL);
        assertThat(s.providers()).singleElement().satisfies(d -> {
            assertThat(d.status().providerId()).isEqualTo("openai");
            assertThat(d.instances()).isEmpty();
            assertThat(d.rateLimit().unlimited()).isTrue();
        });
        assertThat(s.swaps()).isEmpty();
    }

    @Test
    void recordsRejectImpossibleValues() {
        Instant t = Instant.EPOCH;
        assertThatThrownBy(() -> new RecentError(t, ModelGateway.FALLBACK_MODEL, "Http", "x", 0, false))
                .hasMessage("attempt must be >= 1, was 0");
        assertThatThrownBy(() -> new RateLimitState(-1, 0, 0, 0, Optional.empty())).hasMessage("limits must be >= 0");
        assertThatThrownBy(() -> new ProviderInstance(1, 1, "b", "1", 0, ProviderInstance.Role.SERVING, -1, 0, t))
                .hasMessage("counters must be >= 0");
        assertThatThrownBy(() -> new SwapEvent(t, "p", SwapEvent.Kind.ADDED, 1, 1, "1", -2, "d"))
                .hasMessage("inFlight must be >= 0");
        assertThat(new RateLimitState(60, 0, 60, 0, Optional.empty()).unlimited()).isFalse();
    }
}
