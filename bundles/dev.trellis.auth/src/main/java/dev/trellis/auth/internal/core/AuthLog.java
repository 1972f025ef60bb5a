package dev.trellis.auth.internal.core;

/** Where the engine reports what a person should know; the OSGi log in the host, stderr in the CLI. */
public interface AuthLog {

    void info(String message);

    void warn(String message);

    /** Discards everything (tests). */
    AuthLog NONE = new AuthLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
