package dev.trellis.provider.support;

/**
 * The stream cannot be understood: bad SSE framing, bad JSON, an event out of order or of an
 * unknown shape. {@link StreamingClient} turns it into {@code ModelError.MalformedStream} carrying the
 * message, so the message says where ({@code event #12 'content_block_delta': ...}).
 */
public final class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
