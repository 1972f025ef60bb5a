package dev.trellis.provider.testing;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Records a stream and checks the {@link StreamListener} contract as it goes: never two calls at once,
 * exactly one terminal call, nothing after it, tool calls started before their deltas and ended once.
 * {@link #violations()} lists every breach (empty for a well-behaved stream).
 */
public final class RecordingListener implements StreamListener {

    private final List<StreamEvent> events = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile ModelException error;
    private volatile StopReason stop;
    private volatile boolean terminal;
    private volatile Predicate<StreamEvent> throwOn = e -> false;
    private final Map<Integer, Boolean> open = new LinkedHashMap<>();
    private final List<String> threads = new ArrayList<>();

    /** Makes {@link #onEvent} throw for the first event matching {@code when}. */
    public RecordingListener throwOn(Predicate<StreamEvent> when) {
        this.throwOn = when;
        return this;
    }

    @Override
    public void onEvent(StreamEvent event) {
        enter();
        try {
            synchronized (this) {
                if (terminal) {
                    violations.add("event after the terminal call: " + event);
                }
                events.add(event);
                threads.add(Thread.currentThread().getName());
                checkToolProtocol(event);
            }
            first.countDown();
            if (throwOn.test(event)) {
                throwOn = e -> false;
                throw new IllegalStateException("listener fails on purpose at " + event);
            }
            if (event instanceof StreamEvent.Stop s) {
                stop = s.reason();
                terminal = true;
                done.countDown();
            }
        } finally {
            exit();
        }
    }

    @Override
    public void onError(ModelException e) {
        enter();
        try {
            synchronized (this) {
                if (terminal) {
                    violations.add("onError after the terminal call: " + e.getMessage());
                }
            }
            error = e;
            terminal = true;
            done.countDown();
        } finally {
            exit();
        }
    }

    /**
     * Waits for the terminal call.
     *
     * @throws AssertionError if it does not come within 10 s
     */
    public RecordingListener await() {
        return await(Duration.ofSeconds(10));
    }

    public RecordingListener await(Duration timeout) {
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("stream did not end within " + timeout.toMillis() + " ms; events so far: " + events());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return this;
    }

    /** Waits for the first event. */
    public void awaitFirstEvent() throws InterruptedException {
        if (!first.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no event within 10 s");
        }
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    public synchronized List<StreamEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public Optional<StopReason> stop() {
        return Optional.ofNullable(stop);
    }

    public Optional<ModelError> error() {
        return Optional.ofNullable(error).map(ModelException::error);
    }

    public ModelException exception() {
        return error;
    }

    /** All text deltas joined. */
    public synchronized String text() {
        StringBuilder b = new StringBuilder();
        events.forEach(e -> {
            if (e instanceof StreamEvent.TextDelta t) {
                b.append(t.text());
            }
        });
        return b.toString();
    }

    /** All thinking text joined. */
    public synchronized String thinking() {
        StringBuilder b = new StringBuilder();
        events.forEach(e -> {
            if (e instanceof StreamEvent.ThinkingDelta t) {
                b.append(t.text());
            }
        });
        return b.toString();
    }

    /** Signatures of thinking deltas, in order. */
    public synchronized List<String> signatures() {
        List<String> out = new ArrayList<>();
        events.forEach(e -> {
            if (e instanceof StreamEvent.ThinkingDelta t) {
                t.signature().ifPresent(out::add);
            }
        });
        return out;
    }

    /** A tool call put together from its events. */
    public record Call(int index, String id, String name, String arguments) {
    }

    public synchronized List<Call> toolCalls() {
        Map<Integer, String[]> calls = new LinkedHashMap<>();
        for (StreamEvent e : events) {
            switch (e) {
                case StreamEvent.ToolCallStart s -> calls.put(s.index(), new String[] {s.callId(), s.name(), ""});
                case StreamEvent.ToolCallDelta d -> calls.get(d.index())[2] += d.argumentsFragment();
                default -> {
                }
            }
        }
        List<Call> out = new ArrayList<>();
        calls.forEach((i, c) -> out.add(new Call(i, c[0], c[1], c[2])));
        return out;
    }

    /** The last usage event. */
    public synchronized Optional<StreamEvent.Usage> usage() {
        StreamEvent.Usage last = null;
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.Usage u) {
                last = u;
            }
        }
        return Optional.ofNullable(last);
    }

    public synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    private void enter() {
        if (inside.incrementAndGet() != 1) {
            synchronized (this) {
                violations.add("two listener calls at the same time");
            }
        }
    }

    private void exit() {
        inside.decrementAndGet();
    }

    private void checkToolProtocol(StreamEvent event) {
        switch (event) {
            case StreamEvent.ToolCallStart s -> {
                if (open.containsKey(s.index())) {
                    violations.add("tool call " + s.index() + " started twice");
                }
                open.put(s.index(), true);
            }
            case StreamEvent.ToolCallDelta d -> {
                if (!Boolean.TRUE.equals(open.get(d.index()))) {
                    violations.add("delta for tool call " + d.index() + " that is not open");
                }
            }
            case StreamEvent.ToolCallEnd end -> {
                if (!Boolean.TRUE.equals(open.get(end.index()))) {
                    violations.add("end of tool call " + end.index() + " that is not open");
                }
                open.put(end.index(), false);
            }
            case StreamEvent.Stop s -> open.forEach((i, o) -> {
                if (o) {
                    violations.add("tool call " + i + " still open at Stop");
                }
            });
            default -> {
            }
        }
    }
}
