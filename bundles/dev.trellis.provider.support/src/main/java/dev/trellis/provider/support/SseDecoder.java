package dev.trellis.provider.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental Server-Sent Events framing (WHATWG HTML "event stream" rules): bytes go in as they
 * arrive, in chunks cut anywhere (inside a line, a CRLF pair or a multi-byte UTF-8 character), and
 * complete events come out. Lines end with LF, CR or CRLF; {@code :} starts a comment; a blank line
 * dispatches the event if it has data. Not thread-safe: one stream, one producer.
 */
public final class SseDecoder {

    /** Longest line accepted; a longer one means the peer is not sending SSE. */
    public static final int MAX_LINE = 16 * 1024 * 1024;

    private byte[] line = new byte[256];
    private int length;
    private boolean lastWasCr;
    private boolean atStart = true;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event = "";
    private String lastId = "";
    private int dispatched;
    private long bytes;

    /**
     * Feeds one chunk; {@code sink} receives every event completed by it, in order.
     *
     * @throws MalformedEventException if a line exceeds {@link #MAX_LINE}
     */
    public void feed(ByteBuffer chunk, Consumer<SseEvent> sink) {
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            bytes++;
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false; // second half of CRLF
                    continue;
                }
                endLine(sink);
            } else if (b == '\r') {
                lastWasCr = true;
                endLine(sink);
            } else {
                lastWasCr = false;
                if (length == line.length) {
                    if (length >= MAX_LINE) {
                        throw new MalformedEventException("an SSE line is longer than " + MAX_LINE + " bytes");
                    }
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, length * 2));
                }
                line[length++] = b;
            }
        }
    }

    /** Convenience for tests and fixtures. */
    public void feed(byte[] chunk, Consumer<SseEvent> sink) {
        feed(ByteBuffer.wrap(chunk), sink);
    }

    /**
     * True if the stream stopped inside an event: a line without its end, or data lines without the
     * blank line that dispatches them (the SSE spec drops such an event; we report it as truncation).
     */
    public boolean hasPartialEvent() {
        return length > 0 || hasData;
    }

    /** Events dispatched so far. */
    public int events() {
        return dispatched;
    }

    /** Bytes fed so far. */
    public long bytes() {
        return bytes;
    }

    private void endLine(Consumer<SseEvent> sink) {
        int start = 0;
        if (atStart) {
            atStart = false;
            // a UTF-8 byte order mark before the first line is not part of it
            if (length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
                start = 3;
            }
        }
        String text = new String(line, start, length - start, StandardCharsets.UTF_8);
        length = 0;
        if (text.isEmpty()) {
            dispatch(sink);
            return;
        }
        if (text.charAt(0) == ':') {
            return; // comment (keep-alive)
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                data.append(value).append('\n');
                hasData = true;
            }
            case "event" -> event = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            default -> {
                // "retry" and unknown fields are ignored, as the spec says
            }
        }
    }

    private void dispatch(Consumer<SseEvent> sink) {
        if (!hasData) {
            event = "";
            return;
        }
        data.setLength(data.length() - 1); // the last '\n'
        SseEvent e = new SseEvent(event.isEmpty() ? "message" : event, data.toString(), lastId, ++dispatched);
        data.setLength(0);
        hasData = false;
        event = "";
        sink.accept(e);
    }
}
