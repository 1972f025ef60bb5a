package dev.trellis.auth.internal.core;

import java.util.Locale;

/** Which auth.json holds the OpenAI login. */
public enum StoreMode {
    /** codex's {@code $CODEX_HOME/auth.json} if it exists, else Trellis' own file. */
    AUTO,
    /** Always codex's file (shared with the codex CLI; created if missing). */
    CODEX,
    /** Always Trellis' own {@code $TRELLIS_HOME/openai/auth.json}. */
    TRELLIS;

    public static StoreMode parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("openai.store must be auto, codex or trellis, was '" + s + "'");
        }
    }
}
