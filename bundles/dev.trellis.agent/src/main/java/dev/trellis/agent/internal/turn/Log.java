package dev.trellis.agent.internal.turn;

/** The few log calls the turn machinery makes; the engine adapts the OSGi Logger, tests record. */
public interface Log {

    void info(String message);

    void warn(String message);

    void error(String message, Throwable cause);

    /** Discards everything. */
    Log NONE = new Log() {
        public void info(String message) {
        }

        public void warn(String message) {
        }

        public void error(String message, Throwable cause) {
        }
    };
}
