package dev.trellis.provider.support;

import java.net.URI;

/** Checks URLs from component configuration. */
public final class Urls {

    private Urls() {
    }

    /**
     * @throws IllegalArgumentException naming the PID, the property and the value if it is not an
     *                                  http(s) URL (activation then fails and the console shows why)
     */
    public static URI http(String pid, String property, String value) {
        try {
            URI uri = URI.create(value.strip());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("expected http(s)://host/...");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pid + ": " + property + " '" + value + "' is not a usable URL: "
                    + e.getMessage(), e);
        }
    }

    /** {@code base} + "/" + {@code path}, without doubling the slash. */
    public static URI join(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
    }

    /** The last 4 characters, for log lines that identify an account without revealing it. */
    public static String suffix(String s) {
        return s.length() <= 4 ? s : s.substring(s.length() - 4);
    }
}
