package dev.trellis.provider.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One scripted answer of the {@link FakeLlmServer}: status, headers and body chunks. SSE bodies are cut
 * into awkward pieces by default (1, 2, 3, 5, 8, 13, 21, 34 bytes, repeating), so frames, CRLF pairs and
 * multi-byte characters are split across writes. {@link #pauseBefore} holds the body at a chunk until a
 * latch opens; {@link #reached} tells the test the body got there; {@link #paced} spaces the chunks out.
 */
public final class Reply {

    private static final int[] AWKWARD = {1, 2, 3, 5, 8, 13, 21, 34};

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private List<byte[]> chunks;
    private final boolean chunked;
    private final Map<Integer, CountDownLatch> pauses = new LinkedHashMap<>();
    private final Map<Integer, CountDownLatch> reached = new LinkedHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private Duration pace = Duration.ZERO;

    private Reply(int status, List<byte[]> chunks, boolean chunked) {
        this.status = status;
        this.chunks = chunks;
        this.chunked = chunked;
    }

    /** 200 with {@code text/event-stream}, the text cut into awkward chunks. */
    public static Reply sse(String events) {
        return new Reply(200, awkward(events.getBytes(StandardCharsets.UTF_8)), true)
                .header("Content-Type", "text/event-stream; charset=utf-8").header("Cache-Control", "no-cache");
    }

    /** A JSON answer with a fixed length (error bodies). */
    public static Reply json(int status, String json) {
        return new Reply(status, List.of(json.getBytes(StandardCharsets.UTF_8)), false)
                .header("Content-Type", "application/json");
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sends the body in exactly these pieces. */
    public Reply inChunks(List<String> pieces) {
        List<byte[]> out = new ArrayList<>();
        for (String p : pieces) {
            out.add(p.getBytes(StandardCharsets.UTF_8));
        }
        chunks = out;
        return this;
    }

    /** Sends the whole body in one write. */
    public Reply inOneChunk() {
        int size = chunks.stream().mapToInt(c -> c.length).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        chunks = List.of(all);
        return this;
    }

    /**
     * Waits {@code gap} between two chunks, as a model producing tokens does: keeps streams in flight for a
     * known time (load and hot-swap tests), never to synchronise a test.
     */
    public Reply paced(Duration gap) {
        pace = gap;
        return this;
    }

    /** Holds the body before chunk {@code index} (0-based; {@code chunks().size()} = before the end) until {@code gate} opens. */
    public Reply pauseBefore(int index, CountDownLatch gate) {
        pauses.put(index, gate);
        return this;
    }

    /** Holds the body just before the first chunk that contains {@code marker}. */
    public Reply pauseBeforeText(String marker, CountDownLatch gate) {
        return pauseBefore(indexOf(marker), gate);
    }

    /** Counts {@code signal} down when the body reaches chunk {@code index}. */
    public Reply reached(int index, CountDownLatch signal) {
        reached.put(index, signal);
        return this;
    }

    public Reply reachedText(String marker, CountDownLatch signal) {
        return reached(indexOf(marker), signal);
    }

    /** Waits until the server finished writing this reply (or gave up because the client left). */
    public boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    List<byte[]> chunks() {
        return chunks;
    }

    boolean chunked() {
        return chunked;
    }

    void beforeChunk(int index) {
        CountDownLatch r = reached.get(index);
        if (r != null) {
            r.countDown();
        }
        CountDownLatch gate = pauses.get(index);
        if (gate != null) {
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("fake server: paused reply was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void pace() {
        if (pace.isPositive()) {
            try {
                Thread.sleep(pace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void finished() {
        finished.countDown();
    }

    /** Index of a chunk that starts exactly at the first occurrence of {@code marker} (splitting a chunk if needed). */
    private int indexOf(String marker) {
        byte[] all = new byte[chunks.stream().mapToInt(c -> c.length).sum()];
        int offset = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, offset, c.length);
            offset += c.length;
        }
        int pos = new String(all, StandardCharsets.ISO_8859_1)
                .indexOf(new String(marker.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        if (pos < 0) {
            throw new IllegalArgumentException("reply body has no '" + marker + "'");
        }
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        int index = -1;
        for (byte[] c : chunks) {
            if (index < 0 && pos >= at && pos < at + c.length) {
                int head = pos - at;
                if (head > 0) {
                    out.add(java.util.Arrays.copyOfRange(c, 0, head));
                }
                index = out.size();
                out.add(java.util.Arrays.copyOfRange(c, head, c.length));
            } else {
                out.add(c);
            }
            at += c.length;
        }
        if (!pauses.isEmpty() || !reached.isEmpty()) {
            // earlier marks were given by index: keep them valid by shifting those after the split
            Map<Integer, CountDownLatch> p = new LinkedHashMap<>();
            Map<Integer, CountDownLatch> r = new LinkedHashMap<>();
            boolean split = out.size() > chunks.size();
            int from = index;
            pauses.forEach((i, g) -> p.put(split && i >= from ? i + 1 : i, g));
            reached.forEach((i, g) -> r.put(split && i >= from ? i + 1 : i, g));
            pauses.clear();
            pauses.putAll(p);
            reached.clear();
            reached.putAll(r);
        }
        chunks = out;
        return index;
    }

    /** Cuts bytes into pieces of 1, 2, 3, 5, 8, 13, 21, 34 bytes, repeating. */
    public static List<byte[]> awkward(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int n = Math.min(AWKWARD[i % AWKWARD.length], bytes.length - at);
            byte[] piece = new byte[n];
            System.arraycopy(bytes, at, piece, 0, n);
            out.add(piece);
            at += n;
        }
        return out;
    }
}
