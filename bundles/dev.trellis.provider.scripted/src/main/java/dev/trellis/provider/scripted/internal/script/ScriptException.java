package dev.trellis.provider.scripted.internal.script;

/** A script that cannot be used; the message starts with the location (source, line, field). */
public final class ScriptException extends Exception {

    private static final long serialVersionUID = 1L;

    public ScriptException(Location where, String problem) {
        super(where + ": " + problem);
    }

    ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
