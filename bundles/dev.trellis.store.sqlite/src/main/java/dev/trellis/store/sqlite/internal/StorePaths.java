package dev.trellis.store.sqlite.internal;

import java.nio.file.Path;

/** Resolves the configured database path against the Trellis home. */
final class StorePaths {

    static final String HOME_VARIABLE = "${trellis.home}";
    static final String DEFAULT = HOME_VARIABLE + "/trellis.db";

    private StorePaths() {
    }

    /**
     * @param configured    the configured path, may contain {@code ${trellis.home}}
     * @param homeProperty  framework property {@code trellis.home}, or null
     * @param homeEnv       environment variable {@code TRELLIS_HOME}, or null
     * @param userHome      the user's home directory
     */
    static Path resolve(String configured, String homeProperty, String homeEnv, String userHome) {
        String path = configured == null || configured.isBlank() ? DEFAULT : configured.strip();
        if (path.contains(HOME_VARIABLE)) {
            path = path.replace(HOME_VARIABLE, home(homeProperty, homeEnv, userHome).toString());
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    static Path home(String homeProperty, String homeEnv, String userHome) {
        if (homeProperty != null && !homeProperty.isBlank()) {
            return Path.of(homeProperty.strip());
        }
        if (homeEnv != null && !homeEnv.isBlank()) {
            return Path.of(homeEnv.strip());
        }
        return Path.of(userHome, ".trellis");
    }
}
