package dev.trellis.skills.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.SkillError;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.TrustTier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Skill file format (reference §4, AC6): fields, defaults, extras, hooks, CRLF and located errors. */
class SkillFilesTest {

    private static final String FULL = """
            ---
            name: fix-authentication
            trust_tier: project-local
            description: Repair a broken login flow
            keywords: [auth, login]
            hooks:
              on_load:
                - action: remind
                  text: check the token store
              on_turn_start: []
            license: MIT
            x-weight: 3
            ---

            ## Overview
            Steps to fix the login.
            """;

    static SkillParseError error(ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(SkillException.class);
        SkillError e = ((SkillException) t).error();
        assertThat(e).isInstanceOf(SkillError.Malformed.class);
        return ((SkillError.Malformed) e).error();
    }

    @Test
    void readsEveryField() {
        SkillDocument d = SkillFiles.parse("skills/fix-authentication.md", FULL);
        assertThat(d.name()).isEqualTo("fix-authentication");
        assertThat(d.declaredTier()).contains(TrustTier.PROJECT_LOCAL);
        assertThat(d.description()).contains("Repair a broken login flow");
        assertThat(d.keywords()).containsExactly("auth", "login");
        assertThat(d.hooksJson()).contains(
                "{\"on_load\":[{\"action\":\"remind\",\"text\":\"check the token store\"}],\"on_turn_start\":[]}");
        assertThat(d.extras()).containsExactly(Map.entry("license", "\"MIT\""), Map.entry("x-weight", "3"));
        assertThat(d.body()).isEqualTo("## Overview\nSteps to fix the login.\n");
    }

    @Test
    void nameAndTierOnlyGiveDefaults() {
        SkillDocument d = SkillFiles.parse("a.md", "---\nname: tiny\ntrust_tier: ad-hoc\n---\n");
        assertThat(d).isEqualTo(new SkillDocument("tiny", Optional.of(TrustTier.AD_HOC), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), new java.util.TreeMap<>(), ""));
        assertThat(SkillFiles.parse("a.md", "---\nname: tiny\n---\nbody").declaredTier()).isEmpty();
    }

    @Test
    void crlfAndByteOrderMarkAreAccepted() {
        String crlf = "\uFEFF" + FULL.replace("\n", "\r\n");
        assertThat(SkillFiles.parse("a.md", crlf)).isEqualTo(SkillFiles.parse("a.md", FULL));
        assertThat(SkillFiles.parse("a.md", "---\rname: cr\r---\r\rbody\r").body()).isEqualTo("body\n");
    }

    @Test
    void nullValuesMeanAbsent() {
        SkillDocument d = SkillFiles.parse("a.md", "---\nname: n\ndescription: ~\nkeywords:\nhooks: null\ntrust_tier:\n---\n");
        assertThat(d.description()).isEmpty();
        assertThat(d.keywords()).isEmpty();
        assertThat(d.hooksJson()).isEmpty();
        assertThat(d.declaredTier()).isEmpty();
    }

    @Test
    void yamlValuesBecomeJson() {
        SkillDocument d = SkillFiles.parse("a.md", """
                ---
                name: n
                hooks: {big: 123456789012345678901234567890, hex: 0x1F, octal: 0o17, f: 1e3, inf: .inf, t: True, s: yes, q: '42'}
                source_plugin_id: org.example.plugin
                ---
                """);
        assertThat(d.hooksJson()).contains("{\"big\":123456789012345678901234567890,\"hex\":31,\"octal\":15,\"f\":1000.0,"
                + "\"inf\":\".inf\",\"t\":true,\"s\":\"yes\",\"q\":\"42\"}");
        assertThat(d.sourcePlugin()).contains(PluginId.of("org.example.plugin"));
    }

    @Test
    void aliasesExpandAndDuplicateKeysAreErrors() {
        SkillDocument d = SkillFiles.parse("a.md", "---\nname: n\nbase: &b {k: 1}\ncopy: *b\n---\n");
        assertThat(d.extras()).containsEntry("copy", "{\"k\":1}");
        assertThat(error(() -> SkillFiles.parse("a.md", "---\nname: n\nx: 1\nx: 2\n---\n")))
                .isEqualTo(new SkillParseError("a.md", 4, 1, "duplicate key 'x' (first at line 2 of the front matter)"));
    }

    @Test
    void missingDelimitersAreErrorsOnLineOne() {
        assertThat(error(() -> SkillFiles.parse("a.md", "name: x\n"))).isEqualTo(new SkillParseError("a.md", 1, 1,
                "missing '---' on line 1: a skill file starts with '---', then YAML front matter, then '---' and the"
                        + " Markdown body"));
        assertThat(error(() -> SkillFiles.parse("a.md", "---\nname: x\nbody"))).isEqualTo(new SkillParseError("a.md", 1, 1,
                "the front matter opened on line 1 is never closed: add a line '---' after it"));
        assertThat(error(() -> SkillFiles.parse("a.md", "")).message()).startsWith("the file is empty");
    }

    @Test
    void missingNameIsLocatedAtTheFrontMatter() {
        assertThat(error(() -> SkillFiles.parse("s.md", "---\ndescription: d\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 2, 1, "name: required (add a line 'name: my-skill')"));
        assertThat(error(() -> SkillFiles.parse("s.md", "---\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 2, 1, "name: required (the front matter is empty)"));
    }

    @Test
    void wrongTypesPointAtTheValue() {
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: n\nkeywords: auth\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 3, 11,
                        "keywords: expected a list of strings, got a string (write keywords: [auth, login])"));
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: n\nkeywords:\n  - ok\n  - 7\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 5, 5, "keywords[1]: expected a string, got an integer"));
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: 12\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 2, 7, "name: expected a string, got an integer"));
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: Fix_Auth\n---\n")).message())
                .startsWith("name: 'Fix_Auth' must be kebab-case");
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: n\ndescription: [a]\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 3, 14, "description: expected a string, got a list"));
    }

    @Test
    void anInvalidTierIsAnErrorNeverADefault() {
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: n\ntrust_tier: trusted\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 3, 13, "trust_tier: unknown trust tier 'trusted' (expected"
                        + " first-party, project-local, plugin-installed or ad-hoc)"));
    }

    @Test
    void badYamlIsLocatedInTheFile() {
        SkillParseError e = error(() -> SkillFiles.parse("s.md", "---\nname: n\nhooks: [1, 2\n---\n"));
        assertThat(e.file()).isEqualTo("s.md");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.message()).contains("expected ',' or ']'");
        SkillParseError tab = error(() -> SkillFiles.parse("s.md", "---\nname: n\n\tx: 1\n---\n"));
        assertThat(tab.line()).isEqualTo(3);
        assertThat(tab.column()).isEqualTo(1);
        assertThat(tab.message()).contains("TAB");
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: n\nx: \u0007\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 3, 4, "character U+0007 is not allowed in the front matter"
                        + " (control characters and lone surrogates cannot appear in YAML)"));
    }

    @Test
    void hostileYamlEndsInALocatedError() {
        String deep = "---\nname: n\nx: " + "[".repeat(60_000) + "\n---\n";
        assertThat(error(() -> SkillFiles.parse("s.md", deep)).message()).contains("nests deeper than 64 levels");
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: n\nx: &a [*a]\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 3, 8, "alias '*a' refers to a node that contains it (recursive alias)"));
        StringBuilder laughs = new StringBuilder("---\nname: n\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        laughs.append("---\n");
        assertThat(error(() -> SkillFiles.parse("s.md", laughs.toString())).message())
                .contains("expands to more than 10000 values");
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: n\nsecret: !ENV ${HOME}\n---\n")).message())
                .startsWith("tag '!ENV' is not supported here");
        assertThat(error(() -> SkillFiles.parse("s.md", "---\nname: n\n? [a]\n: b\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 3, 3, "a key must be a plain value, not a list"));
        assertThat(error(() -> SkillFiles.parse("s.md", "---\n- name\n---\n")))
                .isEqualTo(new SkillParseError("s.md", 2, 1, "the front matter must be a mapping of keys to values, not a list"));
    }

    @Test
    void bodyKeepsEverythingAfterOneBlankLine() {
        assertThat(SkillFiles.parse("a.md", "---\nname: n\n---\n\n\nx\n---\ny").body()).isEqualTo("\nx\n---\ny");
        assertThat(SkillFiles.parse("a.md", "---\nname: n\n---").body()).isEmpty();
        assertThat(SkillFiles.parse("a.md", "---  \nname: n\n--- \nbody").body()).isEqualTo("body");
    }

    @Test
    void agentSkillsFilesFollowTheirRules() {
        String ok = """
                ---
                name: code-review
                description: Review a change for bugs and style
                license: Apache-2.0
                compatibility: any agent with file read access
                metadata:
                  author: trellis
                  version: "1.0"
                allowed-tools: Read Grep
                ---
                Review checklist.
                """;
        SkillDocument d = SkillFiles.parseAgentSkill("code-review/SKILL.md", ok, "code-review");
        assertThat(d.extras()).containsOnlyKeys("license", "compatibility", "metadata", "allowed-tools")
                .containsEntry("metadata", "{\"author\":\"trellis\",\"version\":\"1.0\"}")
                .containsEntry("allowed-tools", "\"Read Grep\"");
        assertThat(error(() -> SkillFiles.parseAgentSkill("other/SKILL.md", ok, "other")))
                .isEqualTo(new SkillParseError("other/SKILL.md", 2, 7,
                        "name: 'code-review' must match the skill's directory 'other' (agentskills.io)"));
        assertThat(error(() -> SkillFiles.parseAgentSkill("x/SKILL.md", "---\nname: x\n---\n", "x")).message())
                .startsWith("description: required in SKILL.md");
        assertThat(error(() -> SkillFiles.parseAgentSkill("x/SKILL.md",
                "---\nname: x\ndescription: d\nmetadata: {n: 1}\n---\n", "x")))
                .isEqualTo(new SkillParseError("x/SKILL.md", 4, 15, "metadata.n: expected a string, got an integer"));
    }

    @Test
    void renderIsCanonicalAndParsesBack() {
        SkillDocument d = SkillFiles.parse("a.md", FULL);
        String text = SkillFiles.render(d);
        assertThat(text).startsWith("---\nname: fix-authentication\ntrust_tier: project-local\ndescription: Repair a"
                + " broken login flow\nkeywords:\n- auth\n- login\nhooks:\n");
        assertThat(text).endsWith("---\n\n## Overview\nSteps to fix the login.\n");
        assertThat(SkillFiles.parse("a.md", text)).isEqualTo(d);
        assertThat(SkillFiles.render(SkillFiles.parse("a.md", text))).isEqualTo(text);
    }

    @Test
    void theFrontMatterHasALimit() {
        String big = "---\nname: n\nx: '" + "a".repeat(SkillFiles.MAX_FRONT_MATTER) + "'\n---\n";
        assertThat(error(() -> SkillFiles.parse("a.md", big)).message()).startsWith("the front matter has ");
        assertThatThrownBy(() -> SkillFiles.parse("a.md", big)).isInstanceOf(SkillException.class);
    }

    @Test
    void aSkillFileIsNamedAfterItsSkill() {
        assertThat(SkillFiles.parseFile("skills/tiny.md", "---\nname: tiny\n---\n", "tiny").name()).isEqualTo("tiny");
        assertThat(error(() -> SkillFiles.parseFile("skills/small.md", "---\nname: tiny\n---\n", "small")))
                .isEqualTo(new SkillParseError("skills/small.md", 2, 7,
                        "name: 'tiny' must match the file name 'small.md' (rename the file or the skill)"));
    }
}
