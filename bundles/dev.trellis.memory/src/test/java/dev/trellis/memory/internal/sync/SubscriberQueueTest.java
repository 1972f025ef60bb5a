package dev.trellis.memory.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.SyncEvent;
import org.junit.jupiter.api.Test;

class SubscriberQueueTest {

    static SyncEvent ev(int i) {
        return new SyncEvent.Resync(Origin.HOST, i);
    }

    @Test
    void firstTakeIsTheInitialSnapshotAndEarlierEventsAreInIt() throws Exception {
        SubscriberQueue q = new SubscriberQueue(16);
        q.offer(ev(1));
        assertThat(q.take()).isEqualTo(new SubscriberQueue.Snapshot(false, 0));
        q.offer(ev(2));
        q.offer(ev(3));
        assertThat(q.take()).isEqualTo(new SubscriberQueue.Deliver(ev(2)));
        assertThat(q.take()).isEqualTo(new SubscriberQueue.Deliver(ev(3)));
    }

    @Test
    void overflowBecomesResyncWithTheDroppedCount() throws Exception {
        SubscriberQueue q = new SubscriberQueue(16);
        q.take();
        for (int i = 0; i < 16; i++) {
            q.offer(ev(i));
        }
        assertThat(q.size()).isEqualTo(16);
        q.offer(ev(16));
        assertThat(q.size()).isZero();
        q.offer(ev(17));
        assertThat(q.take()).isEqualTo(new SubscriberQueue.Snapshot(true, 18));
        q.offer(ev(18));
        assertThat(q.take()).isEqualTo(new SubscriberQueue.Deliver(ev(18)));
    }

    @Test
    void closeWakesTheWorkerAndDropsLaterOffers() throws Exception {
        SubscriberQueue q = new SubscriberQueue(16);
        q.take();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                assertThat(q.take()).isEqualTo(new SubscriberQueue.Closed());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        q.close();
        assertThat(t.join(java.time.Duration.ofSeconds(5))).isTrue();
        q.offer(ev(1));
        assertThat(q.size()).isZero();
        assertThat(q.take()).isEqualTo(new SubscriberQueue.Closed());
    }
}
