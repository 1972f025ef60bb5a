package dev.trellis.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.gateway.RecentError;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class GatewayTest {

    private final ManualTimer timer = new ManualTimer();
    private final TestCredentials credentials = new TestCredentials();
    private final List<String> log = new ArrayList<>();
    private Gateway gateway = gateway(s -> { });
    private long nextServiceId = 100;

    private static GatewaySettings settings(Consumer<TestSettings> tweak) {
        TestSettings s = new TestSettings();
        tweak.accept(s);
        return s.build();
    }

    private Gateway gateway(Consumer<TestSettings> tweak) {
        return new Gateway(settings(tweak), timer, () -> 0.0, credentials, new Gateway.Log() {
            @Override
            public void info(String message) {
                log.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        });
    }

    private FakeProvider register(String providerId, String name, int ranking) {
        FakeProvider p = new FakeProvider(providerId, name);
        gateway.add(new ProviderRef(p, providerId, nextServiceId++, ranking, 7, "bundle." + name, "1.0." + name.length(),
                Optional.empty()));
        return p;
    }

    private long lastServiceId() {
        return nextServiceId - 1;
    }

    private static ChatRequest ask(String model) {
        return ChatRequest.of(ModelId.parse(model), "", "hi");
    }

    private Caller send(String model) {
        Caller c = new Caller();
        gateway.stream(ask(model), c);
        return c;
    }

    // ---- routing and swap ------------------------------------------------------------------------------

    @Test
    void routesByProviderIdToTheHighestRankingThenNewestInstance() {
        FakeProvider a = register("openai", "a", 0);
        FakeProvider other = register("anthropic", "other", 0);
        FakeProvider b = register("openai", "b", 0);
        FakeProvider ranked = register("openai", "ranked", 10);
        register("openai", "older-lower", -5);

        send("openai/gpt-x");
        send("anthropic/claude");

        assertThat(ranked.calls).hasSize(1);
        assertThat(ranked.last().request.model()).isEqualTo(ModelId.parse("openai/gpt-x"));
        assertThat(other.calls).hasSize(1);
        assertThat(a.calls).isEmpty();
        assertThat(b.calls).isEmpty();

        gateway.remove("openai", 103);
        send("openai/gpt-x");
        assertThat(b.calls).as("newest of equal ranking").hasSize(1);
    }

    @Test
    void anUnknownProviderFailsWithProviderUnavailableAfterTheBoundedWait() {
        Caller c = send("nope/model");
        timer.advance(Duration.ofMillis(4_999));
        assertThat(c.ended()).isFalse();
        timer.advance(Duration.ofMillis(1));
        assertThat(c.errorKind()).isEqualTo(new ModelError.ProviderUnavailable("nope"));
        assertThat(c.error).hasRootCauseMessage("waited 5000 ms for a provider 'nope'");
    }

    @Test
    void aRequestForAProviderThatAppearsInTimeStartsOnIt() {
        Caller c = send("late/model");
        timer.advance(Duration.ofSeconds(2));
        FakeProvider p = register("late", "p", 0);
        timer.runDue();
        assertThat(p.calls).hasSize(1);
        p.last().text("ok").stop();
        assertThat(c.stopped).isTrue();
        timer.advance(Duration.ofSeconds(10));
        assertThat(c.error).isNull();
    }

    @Test
    void duringASwapStreamsFinishOnTheOldInstanceAndNewRequestsWaitForTheNewOne() {
        FakeProvider old = register("scripted", "old", 0);
        long oldId = lastServiceId();
        Caller running = send("scripted/echo");
        old.last().text("one ");

        gateway.remove("scripted", oldId);
        Caller arriving = send("scripted/echo");
        timer.advance(Duration.ofSeconds(30));
        assertThat(arriving.ended()).as("a provider seen before is waited for longer").isFalse();
        assertThat(old.calls).as("nothing new goes to a removed instance").hasSize(1);

        old.last().text("two").stop();
        assertThat(running.events).containsExactly(new StreamEvent.TextDelta("one "), new StreamEvent.TextDelta("two"),
                new StreamEvent.Stop(StopReason.END_TURN));

        FakeProvider fresh = register("scripted", "fresh", 0);
        timer.runDue();
        assertThat(fresh.calls).hasSize(1);
        fresh.last().stop();
        assertThat(arriving.stopped).isTrue();

        GatewaySnapshot snap = gateway.snapshot();
        assertThat(snap.swaps()).extracting(SwapEvent::kind).containsExactly(SwapEvent.Kind.ADDED, SwapEvent.Kind.DRAINED,
                SwapEvent.Kind.REMOVED, SwapEvent.Kind.ADDED);
        assertThat(snap.swaps().get(2).inFlight()).isEqualTo(1);
        assertThat(snap.swaps().get(2).detail()).isEqualTo("draining 1 stream(s); no other instance: new requests wait up"
                + " to 60000 ms for one");
        assertThat(snap.swaps().getFirst().detail()).isEqualTo("now serving; 1 waiting request(s) start now");
        assertThat(gateway.status()).singleElement().satisfies(s -> {
            assertThat(s.requests()).isEqualTo(2);
            assertThat(s.failures()).isZero();
            assertThat(s.inFlight()).isZero();
        });
    }

    @Test
    void withASuccessorRegisteredFirstNewRequestsNeverWaitAndTheOldOneDrains() {
        FakeProvider v1 = register("scripted", "v1", 0);
        long v1Id = lastServiceId();
        Caller first = send("scripted/m");
        FakeProvider v2 = register("scripted", "v2", 0);
        Caller second = send("scripted/m");
        assertThat(v2.calls).hasSize(1);

        gateway.remove("scripted", v1Id);
        ProviderDetails d = gateway.snapshot().providers().getFirst();
        assertThat(d.instances()).extracting(ProviderInstance::role)
                .containsExactly(ProviderInstance.Role.SERVING, ProviderInstance.Role.DRAINING);
        assertThat(d.instances().get(1).inFlight()).isEqualTo(1);
        assertThat(d.status().state()).isEqualTo(ProviderStatus.State.AVAILABLE);

        v1.last().stop();
        v2.last().stop();
        assertThat(first.stopped).isTrue();
        assertThat(second.stopped).isTrue();
        assertThat(gateway.snapshot().providers().getFirst().instances()).extracting(ProviderInstance::role)
                .containsExactly(ProviderInstance.Role.SERVING);
    }

    @Test
    void aRemovedInstanceWhoseStreamsNeverEndIsGivenUpAfterTheDrainBound() {
        FakeProvider p = register("scripted", "stuck", 0);
        send("scripted/m");
        gateway.remove("scripted", lastServiceId());
        timer.advance(Duration.ofSeconds(60));
        assertThat(gateway.snapshot().swaps().getFirst().kind()).isEqualTo(SwapEvent.Kind.DRAIN_TIMEOUT);
        assertThat(log).anyMatch(l -> l.startsWith("WARN gateway: provider 'scripted' drain_timeout service "));
        assertThat(gateway.status()).isEmpty();
        assertThat(p.calls).hasSize(1);
    }

    @Test
    void providerUnavailableFromAnInstanceBeingRemovedMovesTheRequestToTheNextInstanceAtOnce() {
        FakeProvider serving = register("scripted", "old", 0);
        long oldId = lastServiceId();
        FakeProvider standby = register("scripted", "standby", -1);
        serving.throwing(new ModelError.ProviderUnavailable("scripted"));
        // the provider refuses because it is stopping: simulate its unregistration racing the request
        gateway.remove("scripted", oldId);
        gateway.add(new ProviderRef(serving, "scripted", oldId + 1000, 5, 7, "bundle.old", "1.0.3", Optional.empty()));
        gateway.remove("scripted", oldId + 1000);
        Caller c = send("scripted/m");
        assertThat(standby.calls).hasSize(1);
        assertThat(timer.scheduled).isEmpty();
        standby.last().stop();
        assertThat(c.stopped).isTrue();
    }

    // ---- retries -----------------------------------------------------------------------------------------

    @Test
    void retryableErrorsAreRetriedWithExponentialBackoff() {
        FakeProvider p = register("openai", "p", 0);
        Caller c = send("openai/m");
        p.last().fail(new ModelError.Overloaded("openai"));
        timer.advance(Duration.ofMillis(999));
        assertThat(p.calls).hasSize(1);
        timer.advance(Duration.ofMillis(1));
        assertThat(p.calls).hasSize(2);
        p.last().fail(new ModelError.Http("openai", 503, "busy"));
        timer.advance(Duration.ofMillis(1999));
        assertThat(p.calls).hasSize(2);
        timer.advance(Duration.ofMillis(1));
        assertThat(p.calls).hasSize(3);
        p.last().text("hello").stop();
        assertThat(c.events).containsExactly(new StreamEvent.TextDelta("hello"), new StreamEvent.Stop(StopReason.END_TURN));
        assertThat(gateway.snapshot().providers().getFirst().recentErrors()).extracting(RecentError::kind, RecentError::attempt,
                RecentError::retried).containsExactly(Assertions.tuple("Http", 2, true), Assertions.tuple("Overloaded", 1, true));
        assertThat(gateway.status().getFirst().failures()).isZero();
    }

    @Test
    void jitterAddsUpToItsShareOfTheBackoff() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.25);
        assertThat(p.delayAfter(1, Duration.ZERO, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delayAfter(3, Duration.ZERO, () -> 0.999_999)).isBetween(Duration.ofMillis(4999), Duration.ofSeconds(5));
        assertThat(p.delayAfter(10, Duration.ZERO, () -> 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.delayAfter(1, Duration.ofSeconds(90), () -> 0.5)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void retryAfterFromTheProviderReplacesTheBackoffAndIsCapped() {
        FakeProvider p = register("anthropic", "p", 0);
        Caller c = send("anthropic/m");
        p.last().fail(new ModelError.RateLimited("anthropic", Duration.ofSeconds(7)));
        assertThat(gateway.status().getFirst().state()).isEqualTo(ProviderStatus.State.RATE_LIMITED);
        timer.advance(Duration.ofMillis(6_999));
        assertThat(p.calls).hasSize(1);
        timer.advance(Duration.ofMillis(1));
        assertThat(p.calls).hasSize(2);
        p.last().fail(new ModelError.RateLimited("anthropic", Duration.ofMinutes(5)));
        timer.advance(Duration.ofSeconds(59));
        assertThat(p.calls).hasSize(2);
        timer.advance(Duration.ofSeconds(1));
        assertThat(p.calls).as("hint capped at 60 s").hasSize(3);
        p.last().stop();
        assertThat(c.stopped).isTrue();
    }

    @Test
    void whenTriesRunOutTheCallerGetsTheLastErrorAndA429CarriesAHint() {
        FakeProvider p = register("openai", "p", 0);
        Caller c = send("openai/m");
        for (int i = 0; i < 5; i++) {
            assertThat(p.calls).hasSize(i + 1);
            p.last().fail(new ModelError.RateLimited("openai", Duration.ZERO));
            timer.advance(Duration.ofSeconds(60));
        }
        assertThat(p.calls).hasSize(5);
        assertThat(c.errorKind()).isEqualTo(new ModelError.RateLimited("openai", Duration.ofSeconds(60)));
        assertThat(timer.scheduled).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        assertThat(gateway.status().getFirst().failures()).isEqualTo(1);
        assertThat(gateway.status().getFirst().lastError()).contains("openai rate limit reached (the server gave no retry delay)");
    }

    @Test
    void nothingIsRetriedOnceAnEventReachedTheCaller() {
        FakeProvider p = register("openai", "p", 0);
        Caller c = send("openai/m");
        p.last().text("partial ").fail(new ModelError.Http("openai", 502, "bad gateway"));
        timer.advance(Duration.ofMinutes(5));
        assertThat(p.calls).hasSize(1);
        assertThat(c.events).containsExactly(new StreamEvent.TextDelta("partial "));
        assertThat(c.errorKind()).isEqualTo(new ModelError.Http("openai", 502, "bad gateway"));
    }

    @Test
    void errorsFoundBeforeAnyIoReachTheListenerAtOnceAndAreNotRetried() {
        FakeProvider p = register("openai", "p", 0).throwing(new ModelError.TierMismatch(ModelId.parse("openai/gpt-4o"),
                "use a codex model"));
        Caller c = send("openai/gpt-4o");
        assertThat(c.errorKind()).isInstanceOf(ModelError.TierMismatch.class);
        assertThat(timer.scheduled).isEmpty();
        Caller bad = new Caller();
        p.throwing(new ModelError.BadRequest("openai", "no such model"));
        gateway.stream(ask("openai/x"), bad);
        assertThat(bad.errorKind()).isEqualTo(new ModelError.BadRequest("openai", "no such model"));
        assertThat(p.calls).isEmpty();
    }

    @Test
    void unauthorizedLeadsToOneForcedRefreshAndOneMoreTry() {
        credentials.refreshable.add("openai");
        FakeProvider p = register("openai", "p", 0);
        Caller c = send("openai/m");
        p.last().fail(new ModelError.Unauthorized("openai", "token expired"));
        assertThat(credentials.refreshes).isEmpty();
        timer.runDue();
        assertThat(credentials.refreshes).containsExactly("openai");
        assertThat(p.calls).as("retried at once after the refresh").hasSize(2);
        p.last().fail(new ModelError.Unauthorized("openai", "still expired"));
        timer.advance(Duration.ofMinutes(2));
        assertThat(credentials.refreshes).hasSize(1);
        assertThat(p.calls).hasSize(2);
        assertThat(c.errorKind()).isEqualTo(new ModelError.Unauthorized("openai", "still expired"));
    }

    @Test
    void unauthorizedIsFinalWithoutAResolverOrWhenTheRefreshFails() {
        FakeProvider p = register("openai", "p", 0);
        Caller noResolver = send("openai/m");
        p.last().fail(new ModelError.Unauthorized("openai", "bad key"));
        timer.runDue();
        assertThat(noResolver.errorKind()).isEqualTo(new ModelError.Unauthorized("openai", "bad key"));

        credentials.refreshable.add("openai");
        credentials.refreshFails = new IllegalStateException("refresh token revoked");
        Caller failing = send("openai/m");
        p.last().fail(new ModelError.Unauthorized("openai", "bad key"));
        timer.runDue();
        assertThat(failing.errorKind()).isEqualTo(new ModelError.Unauthorized("openai",
                "the forced credential refresh failed: refresh token revoked"));
        assertThat(p.calls).hasSize(2);
    }

    // ---- rate limits -------------------------------------------------------------------------------------

    @Test
    void theRateLimiterQueuesRequestsOverBudgetAndRefusesWaitsThatAreTooLong() {
        gateway = gateway(s -> {
            s.limits = java.util.Map.of("openai", new GatewaySettings.Limits(2, 0));
            s.rateMaxWait = Duration.ofSeconds(40);
        });
        FakeProvider p = register("openai", "p", 0);
        send("openai/m");
        send("openai/m");
        assertThat(p.calls).hasSize(2);
        Caller third = send("openai/m");
        assertThat(p.calls).as("budget spent: the third waits").hasSize(2);
        ProviderDetails d = gateway.snapshot().providers().getFirst();
        assertThat(d.rateLimit().perMinute()).isEqualTo(2);
        assertThat(d.rateLimit().availableMinute()).isZero();
        assertThat(d.rateLimit().limitedUntil()).isPresent();
        assertThat(d.status().state()).isEqualTo(ProviderStatus.State.RATE_LIMITED);

        Caller fourth = send("openai/m");
        assertThat(fourth.errorKind()).as("would wait 60 s > 40 s").isInstanceOfSatisfying(ModelError.RateLimited.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        timer.advance(Duration.ofSeconds(30));
        assertThat(p.calls).as("one token refilled after 30 s").hasSize(3);
        assertThat(third.ended()).isFalse();
        assertThat(gateway.status().getFirst().failures()).isEqualTo(1);
    }

    @Test
    void providersWithoutLimitsNeverWait() {
        gateway = gateway(s -> s.defaultLimits = new GatewaySettings.Limits(1, 1));
        gateway.configure(settings(s -> {
            s.defaultLimits = new GatewaySettings.Limits(1, 1);
            s.limits = java.util.Map.of("scripted", new GatewaySettings.Limits(0, 0));
        }));
        FakeProvider p = register("scripted", "p", 0);
        for (int i = 0; i < 100; i++) {
            send("scripted/echo");
        }
        assertThat(p.calls).hasSize(100);
        assertThat(gateway.snapshot().providers().getFirst().rateLimit().unlimited()).isTrue();
    }

    // ---- timeouts and cancellation -------------------------------------------------------------------------

    @Test
    void timeoutsAreCheckedATwentiethOfTheShorterBoundApart() {
        assertThat(Gateway.sweepInterval(settings(s -> {
            s.firstEvent = Duration.ofSeconds(180);
            s.idle = Duration.ofSeconds(120);
        }))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Gateway.sweepInterval(settings(s -> s.idle = Duration.ofSeconds(3)))).isEqualTo(Duration.ofMillis(150));
        assertThat(Gateway.sweepInterval(settings(s -> s.firstEvent = Duration.ofMillis(50)))).isEqualTo(Duration.ofMillis(10));
        assertThat(Gateway.sweepInterval(settings(s -> { }))).isZero();
    }

    @Test
    void noFirstEventInTimeIsATimeoutThatIsRetried() {
        gateway = gateway(s -> {
            s.firstEvent = Duration.ofSeconds(10);
            s.idle = Duration.ofSeconds(3);
        });
        FakeProvider p = register("openai", "p", 0);
        Caller c = send("openai/m");
        timer.advance(Duration.ofMillis(9_990));
        assertThat(p.calls.getFirst().cancels).isZero();
        timer.advance(Duration.ofMillis(160));
        assertThat(p.calls.getFirst().cancels).as("the silent stream is cancelled within a sweep").isEqualTo(1);
        timer.advance(Duration.ofSeconds(1));
        assertThat(p.calls).hasSize(2);
        p.calls.getFirst().fail(new ModelError.Cancelled());
        p.last().text("late but fine").stop();
        assertThat(c.events).hasSize(2);
        assertThat(c.error).isNull();
        assertThat(gateway.snapshot().providers().getFirst().recentErrors().getFirst().kind()).isEqualTo("Timeout");
    }

    @Test
    void silenceBetweenEventsIsATimeoutForTheCaller() {
        gateway = gateway(s -> {
            s.firstEvent = Duration.ofSeconds(10);
            s.idle = Duration.ofSeconds(3);
        });
        FakeProvider p = register("openai", "p", 0);
        Caller c = send("openai/m");
        timer.advance(Duration.ofSeconds(9));
        p.last().text("a");
        timer.advance(Duration.ofSeconds(2));
        p.last().text("b");
        timer.advance(Duration.ofMillis(2_990));
        assertThat(c.ended()).isFalse();
        timer.advance(Duration.ofMillis(160));
        assertThat(c.errorKind()).isEqualTo(new ModelError.Timeout("openai", Duration.ofSeconds(3)));
        assertThat(p.last().cancels).isEqualTo(1);
        assertThat(p.calls).hasSize(1);
        assertThat(gateway.status().getFirst().inFlight()).as("in flight until the provider ends it").isEqualTo(1);
        p.last().fail(new ModelError.Cancelled());
        assertThat(gateway.status().getFirst().inFlight()).isZero();
    }

    @Test
    void cancelEndsTheStreamWithCancelledOnceAndCancelsTheProvider() throws Exception {
        FakeProvider p = register("openai", "p", 0);
        Caller c = new Caller();
        StreamHandle h = gateway.stream(ask("openai/m"), c);
        p.last().text("a");
        h.cancel();
        h.cancel();
        assertThat(c.errorKind()).isEqualTo(new ModelError.Cancelled());
        assertThat(p.last().cancels).isEqualTo(1);
        p.last().text("ignored");
        p.last().fail(new ModelError.Cancelled());
        assertThat(c.events).hasSize(1);
        assertThat(gateway.status().getFirst().failures()).as("a cancel is not a failure").isZero();
        Assertions.assertThatThrownBy(() -> h.completion().toCompletableFuture().get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void cancelDuringBackoffOrWhileWaitingForAProviderStopsEverything() {
        FakeProvider p = register("openai", "p", 0);
        Caller c = new Caller();
        StreamHandle h = gateway.stream(ask("openai/m"), c);
        p.last().fail(new ModelError.Overloaded("openai"));
        h.cancel();
        timer.advance(Duration.ofMinutes(1));
        assertThat(p.calls).hasSize(1);
        assertThat(c.errorKind()).isEqualTo(new ModelError.Cancelled());

        Caller waiting = new Caller();
        StreamHandle w = gateway.stream(ask("later/m"), waiting);
        w.cancel();
        FakeProvider later = register("later", "l", 0);
        timer.advance(Duration.ofMinutes(1));
        assertThat(later.calls).isEmpty();
        assertThat(waiting.errorKind()).isEqualTo(new ModelError.Cancelled());
    }

    @Test
    void aListenerThatThrowsCancelsTheProviderStream() {
        FakeProvider p = register("openai", "p", 0);
        Caller c = new Caller();
        c.throwOnEvent = new IllegalStateException("caller bug");
        StreamHandle h = gateway.stream(ask("openai/m"), c);
        p.last().text("a");
        assertThat(p.last().cancels).isEqualTo(1);
        p.last().text("b");
        assertThat(c.events).hasSize(1);
        assertThat(h.completion().toCompletableFuture()).isCompletedExceptionally();
    }

    // ---- views -------------------------------------------------------------------------------------------

    @Test
    void statusCountsRequestsFailuresAndInFlightStreams() {
        FakeProvider p = register("openai", "p", 0);
        send("openai/a");
        send("openai/b");
        Caller bad = send("openai/c");
        p.calls.get(2).fail(new ModelError.BadRequest("openai", "nope"));
        p.calls.get(0).stop();
        ProviderStatus s = gateway.status().getFirst();
        assertThat(s.providerId()).isEqualTo("openai");
        assertThat(s.requests()).isEqualTo(3);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.inFlight()).isEqualTo(1);
        assertThat(s.lastError()).contains("openai rejected the request: nope");
        assertThat(bad.errorKind()).isInstanceOf(ModelError.BadRequest.class);
        ProviderInstance i = gateway.snapshot().providers().getFirst().instances().getFirst();
        assertThat(i.bundleSymbolicName()).isEqualTo("bundle.p");
        assertThat(i.bundleVersion()).isEqualTo("1.0.1");
        assertThat(i.served()).isEqualTo(3);
        assertThat(i.inFlight()).isEqualTo(1);
    }

    @Test
    void modelsAreCachedAndAFailingListingIsLeftOutAndRecorded() {
        FakeProvider p = register("openai", "p", 0);
        FakeProvider broken = register("gemini", "g", 0);
        broken.listingFails = new IllegalStateException("network down");
        assertThat(gateway.models()).extracting(ModelInfo::id).extracting(ModelId::toString).containsExactly("openai/p-model");
        gateway.models();
        assertThat(p.modelListings).isEqualTo(1);
        assertThat(broken.modelListings).isEqualTo(1);
        timer.advance(Duration.ofSeconds(31));
        gateway.models();
        assertThat(broken.modelListings).as("failed listings are retried after 30 s").isEqualTo(2);
        assertThat(p.modelListings).isEqualTo(1);
        timer.advance(Duration.ofMinutes(5));
        gateway.models();
        assertThat(p.modelListings).isEqualTo(2);
        assertThat(gateway.snapshot().providers().stream().filter(d -> d.status().providerId().equals("gemini")).findFirst()
                .orElseThrow().recentErrors().getFirst().message()).contains("listing models").contains("network down");
    }

    @Test
    void aProviderCanAskNotToHaveItsModelListCached() {
        FakeProvider live = new FakeProvider("scripted", "s");
        gateway.add(new ProviderRef(live, "scripted", nextServiceId++, 0, 7, "bundle.s", "1", Optional.of(Duration.ZERO)));
        gateway.models();
        gateway.models();
        gateway.snapshot();
        assertThat(live.modelListings).isEqualTo(3);
    }

    @Test
    void aClassLoaderGoneMidSwapMovesTheRequestToTheNextInstance() {
        FakeProvider standby = register("scripted", "standby", -1);
        FakeProvider refreshed = new FakeProvider("scripted", "refreshed");
        ModelProviderThrowing gone = new ModelProviderThrowing(new NoClassDefFoundError("dev/trellis/x/Action"));
        gateway.add(new ProviderRef(gone, "scripted", nextServiceId++, 5, 7, "bundle.gone", "1", Optional.empty()));
        gone.beforeStream = () -> gateway.remove("scripted", lastServiceId());
        Caller c = send("scripted/m");
        assertThat(standby.calls).hasSize(1);
        standby.last().stop();
        assertThat(c.stopped).isTrue();
        assertThat(refreshed.calls).isEmpty();
    }

    /** A provider whose stream() fails with an Error, e.g. a class that can no longer be loaded. */
    static final class ModelProviderThrowing implements dev.trellis.api.model.ModelProvider {
        private final Error error;
        Runnable beforeStream = () -> { };

        ModelProviderThrowing(Error error) {
            this.error = error;
        }

        @Override
        public String id() {
            return "scripted";
        }

        @Override
        public List<ModelInfo> models() {
            return List.of();
        }

        @Override
        public StreamHandle stream(ChatRequest request, dev.trellis.api.model.StreamListener listener) {
            beforeStream.run();
            throw error;
        }
    }

    @Test
    void theDefaultModelIsConfiguredElseTheFirstCandidateWithACredentialElseScriptedEcho() {
        assertThat(gateway.defaultModel()).isEqualTo(ModelGateway.FALLBACK_MODEL);
        register("anthropic", "a", 0);
        assertThat(gateway.defaultModel()).as("registered but no credential").isEqualTo(ModelGateway.FALLBACK_MODEL);
        credentials.available.add("anthropic");
        assertThat(gateway.defaultModel()).isEqualTo(ModelId.parse("anthropic/claude-sonnet-4-5"));
        credentials.available.add("openai");
        assertThat(gateway.defaultModel()).as("openai has a credential but no provider").isEqualTo(ModelId.parse("anthropic/claude-sonnet-4-5"));
        register("openai", "o", 0);
        assertThat(gateway.defaultModel()).isEqualTo(ModelId.parse("openai/gpt-5-codex"));
        gateway.configure(settings(s -> s.defaultModel = Optional.of(ModelId.parse("scripted/demo"))));
        assertThat(gateway.defaultModel()).isEqualTo(ModelId.parse("scripted/demo"));
    }

    @Test
    void closingWaitsForRunningStreamsAndRefusesNewOnes() throws Exception {
        FakeProvider p = register("openai", "p", 0);
        send("openai/m");
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.last().stop();
        });
        assertThat(gateway.close(Duration.ofSeconds(10))).isZero();
        t.join();
        Caller late = send("openai/m");
        assertThat(late.errorKind()).isEqualTo(new ModelError.ProviderUnavailable("openai"));
        send("openai/x");
        assertThat(p.calls).hasSize(1);
    }

    @Test
    void closingCancelsWhatIsStillRunningAfterTheBound() throws Exception {
        register("openai", "p", 0);
        Caller c = send("openai/m");
        assertThat(gateway.close(Duration.ofMillis(20))).isEqualTo(1);
        assertThat(c.errorKind()).isEqualTo(new ModelError.Cancelled());
    }

    /** Credentials the test controls. */
    static final class TestCredentials implements Gateway.Credentials {
        final Set<String> available = new HashSet<>(Set.of("scripted"));
        final Set<String> refreshable = new HashSet<>();
        final List<String> refreshes = new ArrayList<>();
        RuntimeException refreshFails;

        @Override
        public boolean available(String providerId) {
            return available.contains(providerId);
        }

        @Override
        public boolean refreshable(String providerId) {
            return refreshable.contains(providerId);
        }

        @Override
        public void forceRefresh(String providerId) {
            refreshes.add(providerId);
            if (refreshFails != null) {
                throw refreshFails;
            }
        }
    }
}
