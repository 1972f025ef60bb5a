package dev.trellis.provider.support;

import java.util.Objects;

/**
 * One server-sent event as framed by {@link SseDecoder}.
 *
 * @param event  the {@code event:} field, {@code "message"} when absent (as the SSE spec says)
 * @param data   the {@code data:} lines joined with '\n'
 * @param id     the last {@code id:} seen, empty if none
 * @param number 1-based position of the event in the stream, for error messages
 */
public record SseEvent(String event, String data, String id, int number) {
    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
    }

    /** "event #3 'content_block_delta'" — where a problem was found. */
    public String where() {
        return "event #" + number + " '" + event + "'";
    }
}
