package dev.trellis.provider.scripted.internal.play;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Splits text into stream deltas: each word with the whitespace that follows it. */
final class Words {

    private static final Pattern BOUNDARY = Pattern.compile("(?<=\\s)(?=\\S)");

    private Words() {
    }

    static List<String> split(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(BOUNDARY.split(text));
    }

    /** Tokens as providers roughly count them: one per four characters, rounded up. */
    static long tokens(long chars) {
        return (chars + 3) / 4;
    }
}
