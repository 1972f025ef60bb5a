package dev.trellis.itest;

/**
 * {@link dev.trellis.testing.SurefireSummary} (the {@code Tests run:} line per class, from the test support bundle)
 * under this package's own name, so every class here registers it as {@code @ExtendWith(SurefireSummary.class)}
 * without an import.
 */
public final class SurefireSummary extends dev.trellis.testing.SurefireSummary {
}
