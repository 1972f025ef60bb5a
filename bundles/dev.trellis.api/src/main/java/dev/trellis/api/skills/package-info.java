/**
 * Skills: Markdown instructions with YAML front matter that agents load on demand. Each skill has a
 * source and a {@link dev.trellis.api.skills.TrustTier} derived from it.
 * {@link dev.trellis.api.skills.SkillService} lists, searches, loads and parses skills; failures are
 * {@link dev.trellis.api.skills.SkillException}s carrying a sealed {@link dev.trellis.api.skills.SkillError}.
 * {@link dev.trellis.api.skills.SkillAdmin} (since 1.1) shows admin surfaces where skills come from and
 * which files failed to parse.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.trellis.api.skills;
