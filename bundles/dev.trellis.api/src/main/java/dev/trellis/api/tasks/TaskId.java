package dev.trellis.api.tasks;

import java.time.Instant;
import java.util.Objects;

/**
 * Id of a task item: a positive 63-bit snowflake, time-ordered.
 *
 * <p>Layout (high to low bits): 41 bits milliseconds since {@link #EPOCH}, 10 bits generator node,
 * 12 bits sequence within the millisecond. Ids from one generator never repeat; ids from different
 * nodes never collide.
 *
 * <p>Text form: exactly 13 characters of Crockford base32 in lower case
 * ({@code 0-9a-z} without {@code i l o u}), zero-padded, so text order equals numeric order and
 * creation order. Parsing also accepts upper case.
 *
 * @param value the id, {@code >= 1}
 */
public record TaskId(long value) implements Comparable<TaskId> {

    /** Start of the id clock. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /** Length of the text form. */
    public static final int TEXT_LENGTH = 13;

    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long MAX_MILLIS = (1L << 41) - 1;

    /** @throws IllegalArgumentException if {@code value < 1} */
    public TaskId {
        if (value < 1) {
            throw new IllegalArgumentException("task id must be positive, was " + value);
        }
    }

    /**
     * Composes an id from its parts (used by id generators).
     *
     * @throws IllegalArgumentException if {@code at} is before {@link #EPOCH} or beyond the 41-bit
     *                                  range, or {@code node}/{@code sequence} are out of range
     */
    public static TaskId of(Instant at, int node, int sequence) {
        Objects.requireNonNull(at, "at");
        long millis = at.toEpochMilli() - EPOCH.toEpochMilli();
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("task id time " + at + " is outside the id clock range");
        }
        if (node < 0 || node >= 1 << NODE_BITS) {
            throw new IllegalArgumentException("task id node must be 0.." + ((1 << NODE_BITS) - 1) + ", was " + node);
        }
        if (sequence < 0 || sequence >= 1 << SEQUENCE_BITS) {
            throw new IllegalArgumentException(
                    "task id sequence must be 0.." + ((1 << SEQUENCE_BITS) - 1) + ", was " + sequence);
        }
        long value = millis << (NODE_BITS + SEQUENCE_BITS) | (long) node << SEQUENCE_BITS | sequence;
        if (value == 0) {
            throw new IllegalArgumentException("task id would be 0 (epoch, node 0, sequence 0)");
        }
        return new TaskId(value);
    }

    /** When the id was minted (millisecond precision). */
    public Instant createdAt() {
        return EPOCH.plusMillis(value >>> (NODE_BITS + SEQUENCE_BITS));
    }

    /** The 13-character text form. */
    public String format() {
        char[] out = new char[TEXT_LENGTH];
        long v = value;
        for (int i = TEXT_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (v & 31));
            v >>>= 5;
        }
        return new String(out);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException if the text is empty, the length is not 13, a character is not Crockford base32
     *                                  (the message gives its index), the value exceeds 63 bits, or
     *                                  it is zero
     */
    public static TaskId parse(String text) {
        Objects.requireNonNull(text, "task id");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("task id is empty");
        }
        if (text.length() != TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "task id '" + text + "' must be " + TEXT_LENGTH + " characters, was " + text.length());
        }
        long v = 0;
        for (int i = 0; i < TEXT_LENGTH; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                throw new IllegalArgumentException(
                        "task id '" + text + "' has invalid character '" + text.charAt(i) + "' at index " + i);
            }
            if (i == 0 && digit > 7) {
                throw new IllegalArgumentException("task id '" + text + "' is larger than 63 bits");
            }
            v = v << 5 | digit;
        }
        if (v == 0) {
            throw new IllegalArgumentException("task id '" + text + "' is zero");
        }
        return new TaskId(v);
    }

    @Override
    public int compareTo(TaskId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return format();
    }
}
