package dev.trellis.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypedConfigCheckerTest {

    @Test
    void validTypedFileHasNoProblems() {
        String text = """
                # a comment
                greeting="Howdy"
                retries=I"3"
                names=[ \\
                  "a", \\
                  "b", \\
                ]
                """;
        assertThat(TypedConfigChecker.check(text)).isEmpty();
    }

    @Test
    void whatFileInstallAcceptsIsNotReported() {
        // an '=' inside quoted values and a multi-line array: File Install reads both
        assertThat(TypedConfigChecker.check("prompt=\"a = b\"\nblocks=[ \\\n  \"notes=x\", \\\n  \"y\" \\\n  ]\n")).isEmpty();
    }

    @Test
    void plainPropertiesFileIsNotChecked() {
        assertThat(TypedConfigChecker.check("greeting=Howdy\nretries=3\n")).isEmpty();
    }

    @Test
    void unterminatedQuoteIsLocatedByLineAndKey() {
        List<ConfigSyntaxProblem> problems = TypedConfigChecker.check("# header\n\ngreeting=\"unterminated\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.key()).isEqualTo("greeting");
            assertThat(p.reason()).contains("never closed");
        });
    }

    @Test
    void plainValueInTypedFileIsReported() {
        List<ConfigSyntaxProblem> problems = TypedConfigChecker.check("a=\"x\"\nb=y\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.key()).isEqualTo("b");
            assertThat(p.reason()).contains("not in typed syntax");
        });
    }

    @Test
    void textAfterClosingQuoteIsReported() {
        assertThat(TypedConfigChecker.check("a=\"x\" trailing\n"))
                .singleElement().extracting(ConfigSyntaxProblem::reason).asString().contains("trailing");
    }

    @Test
    void escapedQuoteDoesNotCloseTheString() {
        assertThat(TypedConfigChecker.check("a=\"say \\\"hi\\\"\"\n")).isEmpty();
        assertThat(TypedConfigChecker.check("a=\"say \\\"hi\n")).hasSize(1);
    }

    @Test
    void crlfFilesAreLocatedCorrectly() {
        assertThat(TypedConfigChecker.check("a=\"x\"\r\nb=\"y\r\n"))
                .singleElement().extracting(ConfigSyntaxProblem::line).isEqualTo(2);
    }
}
