package dev.trellis.agent.internal.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.agent.internal.testing.RecordingLog;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.Registration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EventHubTest {

    static final AgentId ADA = AgentId.of("ada");
    final RecordingLog log = new RecordingLog();
    final EventHub hub = new EventHub(log);

    @Test
    void listenersGetEventsInOrderAndAThrowingOneIsSkippedNotDropped() {
        List<AgentEvent> got = new CopyOnWriteArrayList<>();
        hub.subscribe("ok", got::add);
        hub.subscribe("bad", e -> {
            throw new IllegalStateException("listener bug");
        });
        for (int i = 0; i < 100; i++) {
            hub.publish(new AgentEvent.Text(ADA, "t", Integer.toString(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 100);
        assertThat(got).extracting(e -> ((AgentEvent.Text) e).delta()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString).toList());
        assertThat(hub.size()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.lines.size() == 100);
        assertThat(log.lines.getFirst()).isEqualTo("ERROR agent event listener bad failed on Text (java.lang.IllegalStateException: listener bug)");
    }

    @Test
    void aListenerThatFallsBehindIsRemovedAndOthersGoOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        hub.subscribe("stuck", e -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        hub.publish(new AgentEvent.Text(ADA, "t", "first"));
        blocked.await();
        // the drainer holds the first event; the queue takes QUEUE_CAPACITY more; the next one overflows
        for (int i = 0; i <= EventHub.QUEUE_CAPACITY; i++) {
            hub.publish(new AgentEvent.Text(ADA, "t", "x"));
        }
        assertThat(hub.size()).isZero();
        assertThat(log.lines).contains("WARN agent event listener stuck fell " + EventHub.QUEUE_CAPACITY + " events behind and was removed");
        release.countDown();

        List<AgentEvent> fine = new CopyOnWriteArrayList<>();
        hub.subscribe("fine", fine::add);
        for (int i = 0; i < 10; i++) {
            hub.publish(new AgentEvent.Text(ADA, "t", "y"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fine.size() == 10);
        assertThat(hub.size()).isEqualTo(1);
    }

    @Test
    void aClosedRegistrationGetsNothingMore() {
        List<AgentEvent> got = new CopyOnWriteArrayList<>();
        Registration r = hub.subscribe("x", got::add);
        r.close();
        r.close();
        hub.publish(new AgentEvent.TurnStarted(ADA, "t"));
        assertThat(hub.size()).isZero();
        assertThat(got).isEmpty();
    }

    /** When the agent stops, listeners still get what was published before (its last turn's end), then nothing. */
    @Test
    void closeAllDeliversWhatWasAlreadyPublished() throws Exception {
        List<AgentEvent> got = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(1);
        hub.subscribe("slow", e -> {
            try {
                slow.await();
            } catch (InterruptedException ex) {
                throw new IllegalStateException("interrupted", ex);
            }
            got.add(e);
        });
        hub.publish(new AgentEvent.TurnStarted(ADA, "t"));
        hub.publish(new AgentEvent.TurnFailed(ADA, "t", "last"));
        hub.closeAll();
        hub.publish(new AgentEvent.TurnStarted(ADA, "u"));
        slow.countDown();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> got.size() == 2);
        Thread.sleep(50);
        assertThat(got).extracting(AgentEvent::turnId).containsExactly("t", "t");
        assertThat(hub.size()).isZero();
    }
}
