package dev.trellis.auth.internal.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads an API key: from the terminal without echo when there is one, else one line from standard input
 * ({@code echo "$KEY" | ./trellis auth login --provider anthropic}).
 */
interface KeyInput {

    /** @return the key, empty if nothing was entered */
    Optional<String> read(String prompt) throws IOException;

    static KeyInput of(Console console, InputStream in) {
        return prompt -> {
            if (console != null && isTerminal(console)) {
                char[] typed = console.readPassword("%s", prompt);
                return typed == null ? Optional.empty() : nonBlank(new String(typed));
            }
            // piped input: no prompt (nobody reads it, and "input hidden" would be wrong)
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null ? Optional.empty() : nonBlank(line);
        };
    }

    private static Optional<String> nonBlank(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    /**
     * JDK 22+ returns a Console even when standard input is a pipe; {@code Console.isTerminal()} (22+) tells.
     * On 21, a non-null console always is a terminal. Looked up reflectively because we compile for 21.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
