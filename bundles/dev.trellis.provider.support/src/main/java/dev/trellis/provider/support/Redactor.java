package dev.trellis.provider.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of error messages and logs: removes the request's own credentials and anything
 * shaped like a vendor key or bearer token, then cuts the text to a readable length. Vendors echo
 * keys back in 401 bodies ("Incorrect API key provided: sk-...") and proxies echo headers, so every
 * text that came from the network passes through here before it reaches a {@code ModelError}.
 */
public final class Redactor {

    /** Longest provider message kept in a {@code ModelError}. */
    public static final int MAX_TEXT = 500;

    static final String MASK = "[redacted]";

    private static final Pattern KEY_SHAPES = Pattern.compile(String.join("|",
            "sk-[A-Za-z0-9_\\-]{8,}", // OpenAI (sk-, sk-proj-) and Anthropic (sk-ant-) keys
            "AIza[0-9A-Za-z_\\-]{20,}", // Google API keys
            "eyJ[A-Za-z0-9_\\-]{6,}\\.[A-Za-z0-9_\\-]{6,}\\.[A-Za-z0-9_\\-]*", // JWTs (OAuth access/id tokens)
            "(?i)bearer\\s+[A-Za-z0-9._~+/\\-]+=*"));

    /** Redacts only key shapes (no known secrets). */
    public static final Redactor SHAPES_ONLY = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** A redactor that also removes these exact values (blank and very short values are ignored). */
    public static Redactor of(String... secrets) {
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.strip().length() >= 4) {
                kept.add(s);
            }
        }
        return new Redactor(kept);
    }

    /** This redactor plus more secrets. */
    public Redactor with(String... more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(of(more).secrets);
        return new Redactor(all);
    }

    /** {@code text} without secrets, whitespace runs folded, at most {@link #MAX_TEXT} characters. */
    public String clean(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        out = KEY_SHAPES.matcher(out).replaceAll(MASK);
        out = out.replaceAll("\\s+", " ").strip();
        if (out.length() > MAX_TEXT) {
            out = out.substring(0, MAX_TEXT - 1) + "…";
        }
        return out;
    }

    /** True if {@code text} contains one of the known secrets (used by tests and as a last check). */
    public boolean leaks(String text) {
        return text != null && secrets.stream().anyMatch(text::contains);
    }
}
