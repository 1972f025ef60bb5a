package dev.trellis.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.admin.SubscriptionInfo;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.plugin.PluginId;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryAdminImplTest {

    static final PluginId WATCHER = PluginId.of("org.example.watcher");
    static final PluginId WRITER = PluginId.of("org.example.writer");
    static final BlockAddress A = BlockAddress.parse("local:proj/a");

    final MemoryEngine engine = new MemoryEngine(new InMemoryStore(), 100_000, 10, Clock.systemUTC());
    final MemoryService writer = new MemoryServiceImpl(engine, WRITER);
    final MemoryAdminImpl admin = new MemoryAdminImpl(engine);

    @AfterEach
    void close() {
        engine.deactivate();
    }

    @Test
    void listsSubscriptionsWithTheirLagAndResyncs() throws Exception {
        writer.create(BlockCreate.text(A, "", "start"));
        CountDownLatch readyHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch resynced = new CountDownLatch(1);
        SyncFilter filter = SyncFilter.scope(Scope.local("proj"));
        Subscription s = new MemorySyncImpl(engine, WATCHER).subscribe(filter, event -> {
            if (event instanceof SyncEvent.Ready && readyHeld.getCount() > 0) {
                readyHeld.countDown();
                await(release); // hold the worker so changes pile up in the queue
            } else if (event instanceof SyncEvent.Resync) {
                resynced.countDown();
            }
        }, 16);
        assertThat(readyHeld.await(5, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            writer.apply(A, new MemoryOp.Append("x"));
        }
        assertThat(admin.subscriptions()).containsExactly(new SubscriptionInfo(s.id(), WATCHER, filter, 16, 5, 0));

        for (int i = 0; i < 20; i++) { // overflows the 16-slot queue: dropped, resync scheduled
            writer.apply(A, new MemoryOp.Append("y"));
        }
        assertThat(admin.subscriptions()).singleElement().extracting(SubscriptionInfo::queued).isEqualTo(0);
        release.countDown();
        assertThat(resynced.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(admin.subscriptions()).singleElement().extracting(SubscriptionInfo::resyncs).isEqualTo(1L);

        s.close();
        assertThat(admin.subscriptions()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
