package dev.trellis.skills.internal;

import java.nio.file.Path;

/** Resolves {@code ${trellis.home}} in configured paths, the way the store does for its file. */
final class Homes {

    static final String HOME_VARIABLE = "${trellis.home}";

    private Homes() {
    }

    /**
     * @param configured   a path that may contain {@code ${trellis.home}}
     * @param homeProperty framework property {@code trellis.home}, or null
     * @param homeEnv      environment variable {@code TRELLIS_HOME}, or null
     * @param userHome     the user's home directory (home = {@code <userHome>/.trellis} without the others)
     */
    static Path resolve(String configured, String homeProperty, String homeEnv, String userHome) {
        String path = configured.strip();
        if (path.contains(HOME_VARIABLE)) {
            Path home = homeProperty != null && !homeProperty.isBlank() ? Path.of(homeProperty.strip())
                    : homeEnv != null && !homeEnv.isBlank() ? Path.of(homeEnv.strip()) : Path.of(userHome, ".trellis");
            path = path.replace(HOME_VARIABLE, home.toString());
        }
        return Path.of(path).toAbsolutePath().normalize();
    }
}
