package dev.trellis.skills.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.skills.SkillError;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillParseError;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds {@value #CASES} mutated skill files to the parser: every one must end in a parsed skill or a
 * {@link SkillException} {@code Malformed} located inside the file (line 1 to last line + 1, column
 * >= 1, a message), never another exception, a hang or a stack overflow.
 *
 * <p>The seed is printed; replay a run with {@code -Dtrellis.fuzz.seed=<seed>} (the failing case's
 * index and input are in the assertion message).
 */
class FrontMatterFuzzTest {

    static final int CASES = 12_000;

    private static final List<String> BASES = List.of(
            """
            ---
            name: fix-authentication
            trust_tier: project-local
            description: "Repair a broken login: check tokens"
            keywords: [auth, login, 'sso']
            hooks:
              on_load:
                - action: remind
                  text: |
                    check the token store
              on_tool_use: {tool: memory_set, when: [before, after]}
            source_plugin_id: org.example.auth
            x-extra: &anchor {a: 1, b: [true, ~, 1.5e3]}
            x-copy: *anchor
            ---

            ## Overview
            Body text.
            """,
            """
            ---
            name: code-review
            description: >
              Review a change
              for bugs
            license: MIT
            compatibility: any
            metadata:
              author: "trellis"
            allowed-tools: Read Grep
            ---
            # Checklist
            """,
            "---\nname: tiny\n---\n",
            "---\r\nname: crlf\r\nkeywords:\r\n  - a\r\n  - b\r\n---\r\n\r\nbody\r\n");

    /** Fragments that tend to break YAML (indicators, quotes, tabs, control and odd unicode). */
    private static final List<String> SHARDS = List.of(":", ": ", "-", "- ", "---", "...", "[", "]", "{", "}", ",", "\"",
            "'", "\\", "&a", "*a", "&b ", "*b", "!", "!!", "!!int ", "!ENV ", "!foo ", "|", ">", "|-", "#", "%YAML 1.2\n",
            "%TAG ! tag:x,2000:\n", "?", "? ", "@", "`", "\t", "\n", "\r", "\r\n", " ", "    ", "\u0000", "\u0007",
            "\u001b", "\uFEFF", "\uD800", "\uDC00", "\u2028", "\u0085", "😀", "é", "name: x\n", "name: ",
            "keywords: ", "hooks: ", "trust_tier: ", "trust_tier: bogus\n", "description: ", "0x", "1e999", ".inf", "~",
            "null", "yes", "<<: *a\n", "[[[[[[[[", "]]]]", "{{{{", "\"\\u", "\\x", "'''");

    @Test
    void everyMutatedFrontMatterParsesOrFailsWithALocation() {
        long seed = Long.getLong("trellis.fuzz.seed", System.nanoTime());
        System.out.println("FrontMatterFuzzTest seed=" + seed + " (replay with -Dtrellis.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        int parsed = 0;
        int located = 0;
        for (int i = 0; i < CASES; i++) {
            String input = mutate(BASES.get(random.nextInt(BASES.size())), random);
            boolean agent = random.nextInt(3) == 0;
            String file = agent ? "code-review/SKILL.md" : "fuzz.md";
            try {
                SkillDocument d = agent ? SkillFiles.parseAgentSkill(file, input, "code-review")
                        : SkillFiles.parse(file, input);
                assertThat(d.name()).as(describe(seed, i, input)).matches("[a-z0-9]+(-[a-z0-9]+)*");
                parsed++;
            } catch (SkillException e) {
                assertLocated(e, file, input, describe(seed, i, input));
                located++;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(describe(seed, i, input) + " threw " + e, e);
            }
        }
        System.out.println("FrontMatterFuzzTest: " + CASES + " inputs, " + parsed + " parsed, " + located
                + " located errors");
        assertThat(parsed + located).isEqualTo(CASES);
        // the mutations must exercise both outcomes, or the test proves little
        assertThat(parsed).isGreaterThan(CASES / 50);
        assertThat(located).isGreaterThan(CASES / 4);
    }

    private static void assertLocated(SkillException e, String file, String input, String what) {
        assertThat(e.error()).as(what).isInstanceOf(SkillError.Malformed.class);
        SkillParseError p = ((SkillError.Malformed) e.error()).error();
        int lines = SkillFiles.normalize(input).split("\n", -1).length;
        assertThat(p.file()).as(what).isEqualTo(file);
        assertThat(p.line()).as(what + ": " + p).isBetween(1, lines + 1);
        assertThat(p.column()).as(what + ": " + p).isPositive();
        assertThat(p.message()).as(what).isNotBlank();
    }

    static String mutate(String base, Random random) {
        StringBuilder s = new StringBuilder(base);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            // mostly inside the front matter (between the delimiters), sometimes anywhere
            int end = Math.max(4, s.indexOf("\n---", 3) + 1);
            int at = random.nextInt(5) == 0 ? random.nextInt(s.length() + 1) : 3 + random.nextInt(Math.max(1, end - 3));
            at = Math.min(at, s.length());
            switch (random.nextInt(9)) {
                case 0, 1, 2 -> s.insert(at, SHARDS.get(random.nextInt(SHARDS.size())));
                case 3 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                case 4 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, SHARDS.get(random.nextInt(SHARDS.size())).charAt(0));
                    }
                }
                case 5 -> duplicateOrSwapLine(s, random);
                case 6 -> s.insert(lineStart(s, at), random.nextBoolean() ? "  " : "\t");
                case 7 -> s.setLength(Math.min(s.length(), at));
                default -> s.insert(at, String.valueOf((char) random.nextInt(0x3000)));
            }
        }
        return s.toString();
    }

    private static int lineStart(StringBuilder s, int at) {
        int nl = s.lastIndexOf("\n", Math.max(0, at - 1));
        return nl < 0 ? 0 : nl + 1;
    }

    private static void duplicateOrSwapLine(StringBuilder s, Random random) {
        List<String> lines = new ArrayList<>(List.of(s.toString().split("\n", -1)));
        if (lines.size() < 2) {
            return;
        }
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        if (random.nextBoolean()) {
            lines.add(b, lines.get(a));
        } else {
            String t = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, t);
        }
        s.setLength(0);
        s.append(String.join("\n", lines));
    }

    private static String describe(long seed, int index, String input) {
        StringBuilder escaped = new StringBuilder();
        input.codePoints().forEach(c -> {
            if (c == '\n') {
                escaped.append("\\n\n");
            } else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFEFF) {
                escaped.append(String.format("\\u%04X", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return "fuzz case " + index + " (seed " + seed + "), input:\n" + escaped;
    }
}
