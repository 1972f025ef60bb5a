package dev.trellis.provider.scripted.internal;

import java.lang.annotation.Annotation;
import java.util.List;

/** Configuration annotation instances for tests, as SCR would make them from properties. */
final class Configs {

    private Configs() {
    }

    static ScriptedConfig scripted(List<String> files, int pollMs, int echoDelayMs, int drainMs) {
        return new ScriptedConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ScriptedConfig.class;
            }

            @Override
            public String[] script_files() {
                return files.toArray(String[]::new);
            }

            @Override
            public int script_poll_ms() {
                return pollMs;
            }

            @Override
            public int echo_delay_ms() {
                return echoDelayMs;
            }

            @Override
            public int drain_timeout_ms() {
                return drainMs;
            }
        };
    }

    static ScriptedConfig defaults() {
        return scripted(List.of(), 0, 0, 2000);
    }
}
