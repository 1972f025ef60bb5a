package dev.trellis.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillAdmin;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillMetadata;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.SkillService;
import dev.trellis.api.skills.SkillSource;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.TrustTier;
import dev.trellis.api.skills.UsageStats;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** trellis:skills: arguments passed on, exact output, errors that say what to type. */
class SkillCommandsTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    final List<List<Object>> calls = new ArrayList<>();
    final SkillInfo info = new SkillInfo("plugin/org.x/fix", "fix", Optional.of("Repair login"), TrustTier.PLUGIN_INSTALLED,
            List.of("auth"), Optional.of(T));
    final Skill skill = new Skill("plugin/org.x/fix", new SkillMetadata("fix", TrustTier.PLUGIN_INSTALLED,
            Optional.of("Repair login"), List.of("auth"), Optional.of("{\"on_load\":[]}"), Optional.of(PluginId.of("org.x")),
            Map.of("license", "\"MIT\"")), new SkillSource.Plugin(PluginId.of("org.x")), "Step one.\nStep two.");

    @SuppressWarnings("unchecked")
    <T> T fake(Class<T> type) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            calls.add(args == null ? List.of(m.getName()) : List.of(m.getName(), List.of(args)));
            return switch (m.getName()) {
                case "list", "search" -> List.of(info);
                case "get" -> args[1].equals(info.handle()) ? Optional.of(skill) : Optional.empty();
                case "usage" -> new UsageStats((String) args[1], 2, Optional.of(T), Optional.of("ada"));
                case "sources" -> List.of(new SkillSourceStatus("plugin:org.x", TrustTier.PLUGIN_INSTALLED, "org.x:/skills",
                        SkillService.SHARED, List.of("plugin/org.x/fix"),
                        List.of(new SkillParseError("org.x:/skills/bad.md", 3, 11, "keywords: expected a list"))));
                default -> throw new UnsupportedOperationException(m.getName());
            };
        });
    }

    SkillCommands commands() {
        return new SkillCommands(fake(SkillService.class), fake(SkillAdmin.class));
    }

    @Test
    void overviewShowsSourcesProblemsAndSkills() {
        String out = commands().skills();
        assertThat(out).contains("SOURCE        TIER              SKILLS  PROBLEMS  SCOPE           READS\n"
                + "------------  ----------------  ------  --------  --------------  -------------\n"
                + "plugin:org.x  plugin-installed  1       1         global:_skills  org.x:/skills\n");
        assertThat(out).contains("Broken skill files:\nplugin:org.x: org.x:/skills/bad.md:3:11: keywords: expected a list\n");
        assertThat(out).contains("plugin/org.x/fix  plugin-installed  2026-11-25 10:00:00Z  Repair login\n1 skill\n");
    }

    @Test
    void subcommandsPassScopeAndQuery() {
        SkillCommands c = commands();
        assertThat(c.skills("search", "login")).startsWith("Search 'login' from global:_skills:\n");
        c.skills("list", "local:p");
        c.skills("search", "login", "local:p");
        assertThat(calls).contains(List.of("search", List.of(SkillService.SHARED, "login", SkillCommands.SEARCH_LIMIT)),
                List.of("list", List.of(Scope.local("p"))),
                List.of("search", List.of(Scope.local("p"), "login", SkillCommands.SEARCH_LIMIT)));
        String shown = c.skills("show", "plugin/org.x/fix");
        assertThat(shown).isEqualTo("""
                Skill plugin/org.x/fix
                  name         fix
                  trust tier   plugin-installed
                  source       plugin org.x
                  description  Repair login
                  keywords     auth
                  hooks        {"on_load":[]}
                  plugin       org.x
                  license      "MIT"
                  loads        2, last 2026-11-25 10:00:00Z by ada

                Instructions:
                  Step one.
                  Step two.
                """);
        assertThat(c.skills("usage", "plugin/org.x/fix")).isEqualTo("plugin/org.x/fix: 2 loads, last 2026-11-25 10:00:00Z by ada\n");
    }

    @Test
    void badInputSaysWhatToType() {
        SkillCommands c = commands();
        assertThatThrownBy(() -> c.skills("frobnicate")).hasMessage(SkillCommands.USAGE);
        assertThatThrownBy(() -> c.skills("show", "ghost")).hasMessage(
                "no skill 'ghost' is visible from global:_skills (trellis:skills list global:_skills lists them)");
        assertThatThrownBy(() -> c.skills("list", "nope")).hasMessageContaining("must be 'local:<project>' or 'global:<persona>'");
        assertThatThrownBy(() -> new SkillCommands(null, null).skills()).hasMessageStartingWith("the skill service is not available");
    }
}
