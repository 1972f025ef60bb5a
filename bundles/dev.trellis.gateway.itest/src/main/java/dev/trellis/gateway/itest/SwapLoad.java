package dev.trellis.gateway.itest;

import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.osgi.framework.Version;

/**
 * {@code clients} virtual threads, each streaming requests to {@value #MODEL} back to back through the
 * gateway until stopped. Every outcome is kept: when it started, which provider instance played it (the model
 * says so in its last text delta), what arrived.
 */
final class SwapLoad implements AutoCloseable {

    static final String MODEL = "scripted/swap";
    /** Words the swap model streams, one delta each, before naming its instance. */
    static final List<String> WORDS = IntStream.range(0, 10).mapToObj(i -> "w" + i + " ").toList();
    /** The swap model: ten words, then the instance, 10 ms between events. */
    static final String SCRIPT = "{delay: 10ms, turns: [[{say: [" + String.join(", ", WORDS.stream().map(w -> "'" + w + "'").toList())
            + "]}, {say: ['${instance}']}]]}";

    record Outcome(int client, long startNanos, long endNanos, Streams stream, boolean ended) {
        /** The bundle version of the instance that played it, from "0.1.3.SNAPSHOT#17". */
        Version servedBy() {
            List<StreamEvent> e = stream.events();
            if (e.size() < WORDS.size() + 1 || !(e.get(WORDS.size()) instanceof StreamEvent.TextDelta t)) {
                return Version.emptyVersion;
            }
            return Version.parseVersion(t.text().substring(0, t.text().indexOf('#')));
        }

        /** Empty if the stream is complete and correct; else what is wrong. */
        String problem() {
            if (!ended) {
                return "did not end within 60 s";
            }
            if (stream.error() != null) {
                return "failed: " + stream.error().error();
            }
            if (!stream.violations().isEmpty()) {
                return stream.violations().toString();
            }
            List<StreamEvent> e = stream.events();
            List<StreamEvent> words = WORDS.stream().<StreamEvent>map(StreamEvent.TextDelta::new).toList();
            if (e.size() != WORDS.size() + 3 || !e.subList(0, WORDS.size()).equals(words)
                    || !(e.get(WORDS.size() + 1) instanceof StreamEvent.Usage)
                    || !e.getLast().equals(new StreamEvent.Stop(StopReason.END_TURN))) {
                return "incomplete or out of order: " + e;
            }
            return "";
        }
    }

    private final ModelGateway gateway;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    SwapLoad(ModelGateway gateway, int clients) {
        this.gateway = gateway;
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.add(Thread.ofVirtual().name("swap-client-" + i).start(() -> run(client)));
        }
    }

    private void run(int client) {
        int n = 0;
        while (!stop.get()) {
            Streams s = new Streams();
            long start = System.nanoTime();
            gateway.stream(ChatRequest.of(ModelId.parse(MODEL), "", "client " + client + " request " + n++), s);
            boolean ended;
            try {
                ended = s.await(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.add(new Outcome(client, start, System.nanoTime(), s, ended));
        }
    }

    /** Lets every client finish its current request, then stops them. */
    List<Outcome> finish() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(120_000);
        }
        return List.copyOf(outcomes);
    }

    int completed() {
        return outcomes.size();
    }

    @Override
    public void close() throws InterruptedException {
        finish();
    }
}
