package dev.trellis.provider.testing;

/** Builds SSE bodies for fake replies. */
public final class Sse {

    private final StringBuilder text = new StringBuilder();

    public static Sse events() {
        return new Sse();
    }

    /** {@code event: <name>} + {@code data: <json>} + blank line. */
    public Sse event(String name, String json) {
        text.append("event: ").append(name).append('\n').append("data: ").append(json).append("\n\n");
        return this;
    }

    /** {@code data: <json>} + blank line. */
    public Sse data(String json) {
        text.append("data: ").append(json).append("\n\n");
        return this;
    }

    /** Anything verbatim (comments, broken frames). */
    public Sse raw(String raw) {
        text.append(raw);
        return this;
    }

    public String build() {
        return text.toString();
    }

    @Override
    public String toString() {
        return build();
    }
}
