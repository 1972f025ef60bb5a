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
import java.util.function.BiPredicate;
import java.util.stream.IntStream;
import org.osgi.framework.Version;

/**
 * {@code clients} virtual threads, each streaming requests to one model back to back through the gateway until
 * stopped. Every outcome is kept: its prompt, when it started, what arrived, and what is wrong with it. The swap
 * models all stream the same shape: the ten {@link #WORDS}, one more text delta (the "tail": what the provider
 * instance or the fake server put there), usage, stop.
 */
final class SwapLoad implements AutoCloseable {

    static final String MODEL = "scripted/swap";
    /** Words the swap models stream, one delta each, before their tail. */
    static final List<String> WORDS = IntStream.range(0, 10).mapToObj(i -> "w" + i + " ").toList();
    /** The scripted swap model: ten words, then the instance, 10 ms between events. */
    static final String SCRIPT = "{delay: 10ms, turns: [[{say: [" + String.join(", ", WORDS.stream().map(w -> "'" + w + "'").toList())
            + "]}, {say: ['${instance}']}]]}";

    /**
     * @param problem empty if the stream is complete and correct, else what is wrong
     */
    record Outcome(int client, String prompt, long startNanos, long endNanos, Streams stream, boolean ended,
            String problem) {
        /** The tail delta (the scripted model's instance, the fake server's echo), or empty. */
        String tail() {
            List<StreamEvent> e = stream.events();
            return e.size() > WORDS.size() && e.get(WORDS.size()) instanceof StreamEvent.TextDelta t ? t.text() : "";
        }

        /** The bundle version of the scripted instance that played it, from its tail "0.1.3.SNAPSHOT#17". */
        Version servedBy() {
            String t = tail();
            return t.indexOf('#') < 0 ? Version.emptyVersion : Version.parseVersion(t.substring(0, t.indexOf('#')));
        }
    }

    private final ModelGateway gateway;
    private final ModelId model;
    private final BiPredicate<String, String> tailOk;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Load on the scripted swap model; any tail is fine (it names the instance). */
    SwapLoad(ModelGateway gateway, int clients) {
        this(gateway, clients, ModelId.parse(MODEL), (prompt, tail) -> !tail.isEmpty());
    }

    /**
     * @param tailOk whether a stream's tail is right for its prompt
     */
    SwapLoad(ModelGateway gateway, int clients, ModelId model, BiPredicate<String, String> tailOk) {
        this.gateway = gateway;
        this.model = model;
        this.tailOk = tailOk;
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.add(Thread.ofVirtual().name("swap-client-" + i).start(() -> run(client)));
        }
    }

    private void run(int client) {
        int n = 0;
        while (!stop.get()) {
            Streams s = new Streams();
            String prompt = "client " + client + " request " + n++;
            long start = System.nanoTime();
            gateway.stream(ChatRequest.of(model, "", prompt), s);
            boolean ended;
            try {
                ended = s.await(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.add(new Outcome(client, prompt, start, System.nanoTime(), s, ended, problem(prompt, s, ended)));
        }
    }

    private String problem(String prompt, Streams stream, boolean ended) {
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
                || !(e.get(WORDS.size()) instanceof StreamEvent.TextDelta tail) || !tailOk.test(prompt, tail.text())
                || !(e.get(WORDS.size() + 1) instanceof StreamEvent.Usage)
                || !e.getLast().equals(new StreamEvent.Stop(StopReason.END_TURN))) {
            return "incomplete, out of order or not this request's: " + e;
        }
        return "";
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

    /**
     * Waits until {@code n} more requests completed. Called after a new instance began serving: the requests that
     * waited for it all start at once, so right then every stream in flight is at its very beginning (nothing
     * forwarded yet, which the gateway would retry unseen); after a round of completions they are spread over
     * every stage, and an update then cuts streams mid-way if the provider does not drain.
     */
    void awaitMore(int n) {
        int target = completed() + n;
        org.awaitility.Awaitility.await(n + " more requests complete").atMost(Swaps.TIMEOUT)
                .pollInterval(java.time.Duration.ofMillis(2)).until(() -> completed() >= target);
    }

    @Override
    public void close() throws InterruptedException {
        finish();
    }
}
