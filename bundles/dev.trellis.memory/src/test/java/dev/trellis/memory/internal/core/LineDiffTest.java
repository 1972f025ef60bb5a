package dev.trellis.memory.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void equalTextsHaveNoHunks() {
        assertThat(LineDiff.unified("a\nb", "a\nb\n", 1)).isEmpty();
    }

    @Test
    void changeInTheMiddleWithContextOne() {
        assertThat(LineDiff.unified("a\nb\nc\nd\ne", "a\nb\nX\nd\ne", 1)).isEqualTo("""
                @@ -2,3 +2,3 @@
                 b
                -c
                +X
                 d
                """);
    }

    @Test
    void distantChangesMakeTwoHunks() {
        assertThat(LineDiff.unified("1\n2\n3\n4\n5\n6\n7", "0\n2\n3\n4\n5\n6\n8", 1)).isEqualTo("""
                @@ -1,2 +1,2 @@
                -1
                +0
                 2
                @@ -6,2 +6,2 @@
                 6
                -7
                +8
                """);
    }

    @Test
    void nearChangesMerge() {
        assertThat(LineDiff.unified("1\n2\n3\n4", "X\n2\n3\nY", 1)).isEqualTo("""
                @@ -1,4 +1,4 @@
                -1
                +X
                 2
                 3
                -4
                +Y
                """);
    }

    @Test
    void insertIntoEmptyAndDeleteAll() {
        assertThat(LineDiff.unified("", "a\nb", 1)).isEqualTo("@@ -0,0 +1,2 @@\n+a\n+b\n");
        assertThat(LineDiff.unified("a", "", 1)).isEqualTo("@@ -1 +0,0 @@\n-a\n");
        assertThat(LineDiff.unified("a\nb", "a\nb\nc", 1)).isEqualTo("@@ -2 +2,2 @@\n b\n+c\n");
    }

    /** Property: applying the edit script to the old lines yields the new lines. */
    @Test
    void scriptRebuildsBothSides() {
        Random r = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<String> a = randomLines(r);
            List<String> b = randomLines(r);
            List<String> old = new ArrayList<>();
            List<String> neu = new ArrayList<>();
            for (LineDiff.Edit e : LineDiff.script(a, b)) {
                if (e.kind() != '+') {
                    old.add(e.line());
                }
                if (e.kind() != '-') {
                    neu.add(e.line());
                }
            }
            assertThat(old).isEqualTo(a);
            assertThat(neu).isEqualTo(b);
        }
    }

    private static List<String> randomLines(Random r) {
        List<String> lines = new ArrayList<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            lines.add(Character.toString('a' + r.nextInt(4)));
        }
        return lines;
    }
}
