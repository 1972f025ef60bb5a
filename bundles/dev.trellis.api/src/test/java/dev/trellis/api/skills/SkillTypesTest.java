package dev.trellis.api.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.plugin.PluginId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkillTypesTest {

    private static SkillMetadata meta(String name, TrustTier tier) {
        return new SkillMetadata(name, tier, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Map.of());
    }

    @Test
    void trustTierParse() {
        assertThat(TrustTier.parse("plugin-installed")).isEqualTo(TrustTier.PLUGIN_INSTALLED);
        assertThatThrownBy(() -> TrustTier.parse("trusted")).hasMessage(
                "unknown trust tier 'trusted' (expected first-party, project-local, plugin-installed or ad-hoc)");
    }

    @Test
    void namesAreKebabCase() {
        assertThat(meta("fix-authentication", TrustTier.AD_HOC).name()).isEqualTo("fix-authentication");
        assertThatThrownBy(() -> meta("Fix_Auth", TrustTier.AD_HOC))
                .hasMessage("skill name 'Fix_Auth' must be kebab-case ([a-z0-9]+(-[a-z0-9]+)*)");
    }

    @Test
    void tierMustMatchSourceExceptDeclaredPluginInstalled() {
        assertThat(new Skill("s", meta("s", TrustTier.AD_HOC), new SkillSource.AdHoc(), "").source().tier())
                .isEqualTo(TrustTier.AD_HOC);
        assertThat(new Skill("s", meta("s", TrustTier.PLUGIN_INSTALLED), new SkillSource.AdHoc(), "")).isNotNull();
        assertThatThrownBy(() -> new Skill("s", meta("s", TrustTier.FIRST_PARTY),
                new SkillSource.Plugin(PluginId.of("org.example")), ""))
                .hasMessage("skill 's' has tier first-party but its source gives plugin-installed");
    }

    @Test
    void parseErrorIsLocated() {
        assertThat(new SkillParseError("skills/a.md", 3, 7, "keywords: expected a list"))
                .hasToString("skills/a.md:3:7: keywords: expected a list");
        assertThat(new SkillException(new SkillError.Malformed(new SkillParseError("a.md", 1, 1, "missing '---'"))))
                .hasMessage("a.md:1:1: missing '---'");
    }

    @Test
    void sourceStatusCopiesItsListsAndTheSharedScopeIsFixed() {
        var handles = new java.util.ArrayList<>(List.of("first-party/a"));
        var status = new SkillSourceStatus("first-party", TrustTier.FIRST_PARTY, "bundle:/skills/", SkillService.SHARED,
                handles, List.of());
        handles.add("first-party/b");
        assertThat(status.handles()).containsExactly("first-party/a");
        assertThat(SkillService.SHARED.key()).isEqualTo("global:_skills");
    }

    @Test
    void usageRecordsCountAtLeastOneLoad() {
        var address = dev.trellis.api.memory.BlockAddress.of(SkillService.SHARED, "first-party/a");
        assertThatThrownBy(() -> new dev.trellis.api.store.SkillUsage(address, 0, java.time.Instant.EPOCH, "ada"))
                .hasMessage("useCount must be >= 1, was 0");
        assertThat(new dev.trellis.api.store.SkillUsage(address, 1, java.time.Instant.EPOCH, "ada").useCount()).isEqualTo(1);
    }
}
