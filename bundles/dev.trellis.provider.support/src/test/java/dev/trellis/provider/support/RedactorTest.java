package dev.trellis.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void removesTheRequestSecretAndKeyShapes() {
        Redactor r = Redactor.of("my-very-own-secret-1234");
        String cleaned = r.clean("Incorrect API key provided: my-very-own-secret-1234. Also sk-proj-abcdefghijklmnop,"
                + " AIzaSyA1234567890123456789012345, Authorization: Bearer abc.def-ghi and "
                + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl");
        assertThat(cleaned).doesNotContain("my-very-own-secret", "sk-proj-abc", "AIzaSy", "abc.def", "eyJhbGci")
                .contains("Incorrect API key provided: [redacted]");
        assertThat(r.leaks(cleaned)).isFalse();
        assertThat(r.leaks("x my-very-own-secret-1234 y")).isTrue();
    }

    @Test
    void foldsWhitespaceAndCutsLongText() {
        String cleaned = Redactor.SHAPES_ONLY.clean("a\n\n  b\t" + "c".repeat(2000));
        assertThat(cleaned).startsWith("a b c").hasSize(Redactor.MAX_TEXT).endsWith("…");
        assertThat(Redactor.SHAPES_ONLY.clean(null)).isEmpty();
    }

    @Test
    void ignoresBlankAndTinySecrets() {
        assertThat(Redactor.of("", " ", "ab", null).clean("ab cd")).isEqualTo("ab cd");
    }
}
