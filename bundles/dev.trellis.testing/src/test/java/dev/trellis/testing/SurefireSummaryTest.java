package dev.trellis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SurefireSummaryTest {

    /** Lines printed by the classes run here (the extension writes to this stream, not to the build log). */
    static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();

    public static final class Recording extends SurefireSummary {
        @Override
        protected PrintStream out() {
            return new PrintStream(PRINTED, true, StandardCharsets.UTF_8);
        }
    }

    // Nested classes: surefire does not run them by itself (it skips names with '$'), the launcher below does.

    @ExtendWith(Recording.class)
    static class Mixed {
        @Test
        void passes() {
        }

        @Test
        void failsAnAssertion() {
            assertThat(1).isEqualTo(2);
        }

        @Test
        void throwsSomethingElse() {
            throw new IllegalStateException("boom");
        }

        @Test
        @Disabled("on purpose")
        void disabled() {
        }

        @Test
        void aborted() {
            Assumptions.assumeTrue(false);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void parameterized(int n) {
        }
    }

    @ExtendWith(Recording.class)
    static class AllGood {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    private static List<String> run(Class<?>... classes) {
        PRINTED.reset();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList()).build();
        LauncherFactory.create().execute(request);
        return PRINTED.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void oneLinePerClassWithFailuresErrorsAndSkipsCountedAsSurefireDoes() {
        List<String> lines = run(Mixed.class, AllGood.class);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\[ERROR] Tests run: 8, Failures: 1, Errors: 1, Skipped: 2, Time elapsed: "
                + "\\d+\\.\\d{3} s -- in dev\\.trellis\\.testing\\.SurefireSummaryTest\\$Mixed \\(OSGi\\)");
        assertThat(lines.get(1)).matches("\\[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: "
                + "\\d+\\.\\d{3} s -- in dev\\.trellis\\.testing\\.SurefireSummaryTest\\$AllGood \\(OSGi\\)");
    }

    @Test
    void theLineReadsLikeSurefiresWhateverTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(SurefireSummary.line("a.B", 3, 0, 0, 1, 1.5))
                    .isEqualTo("[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: 1.500 s -- in a.B (OSGi)");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
