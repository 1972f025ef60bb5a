package dev.trellis.skills.internal;

import java.util.function.Supplier;
import org.osgi.service.log.Logger;

/**
 * Where the skills bundle reports: the OSGi Log Service in the host (so a broken skill file shows up in
 * the console's recent problems and on stdout, named by the file), a list in tests.
 */
interface SkillLog {

    void warn(String message);

    void info(Supplier<String> message);

    /** Logs through DS's logger for the component. */
    static SkillLog of(Logger logger) {
        return new SkillLog() {
            @Override
            public void warn(String message) {
                logger.warn(message);
            }

            @Override
            public void info(Supplier<String> message) {
                if (logger.isInfoEnabled()) {
                    logger.info(message.get());
                }
            }
        };
    }
}
