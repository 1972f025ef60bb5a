package dev.trellis.provider.support;

import java.util.function.Supplier;
import org.osgi.service.log.Logger;

/**
 * The few log lines a provider writes. Callers pass only redacted text (never a credential): request
 * lines name the endpoint, the tier and the last 4 characters of an account id.
 */
public interface Diagnostics {

    void debug(Supplier<String> message);

    void info(String message);

    void warn(String message);

    /** Discards everything. */
    Diagnostics NONE = new Diagnostics() {
        @Override
        public void debug(Supplier<String> message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    /** Writes to an OSGi Log Service logger. */
    static Diagnostics of(Logger logger) {
        return new Diagnostics() {
            @Override
            public void debug(Supplier<String> message) {
                if (logger.isDebugEnabled()) {
                    logger.debug(message.get());
                }
            }

            @Override
            public void info(String message) {
                logger.info(message);
            }

            @Override
            public void warn(String message) {
                logger.warn(message);
            }
        };
    }
}
