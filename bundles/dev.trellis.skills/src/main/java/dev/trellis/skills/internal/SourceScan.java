package dev.trellis.skills.internal;

import dev.trellis.api.skills.SkillError;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillMetadata;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.skills.internal.parse.SkillDocument;
import dev.trellis.skills.internal.parse.SkillFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the files of one skills folder into what the source wants: {@code <name>.md} files and
 * agentskills.io {@code <name>/SKILL.md} directories directly under the folder ({@code README.md} and
 * anything else is ignored). A file that fails to parse is a located problem; its skill (named after
 * the file) keeps its last good block. Two files defining the same skill: the first in path order wins.
 */
final class SourceScan {

    /** Largest skill file read. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    /**
     * One file of a folder.
     *
     * @param path     relative to the folder, '/'-separated ({@code fix-auth.md}, {@code review/SKILL.md})
     * @param location how errors name it (absolute path, {@code bundle:/skills/x.md})
     * @param text     its content, or empty if it could not be read
     * @param problem  why it could not be read
     */
    record File(String path, String location, Optional<String> text, String problem) {
        File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(problem, "problem");
        }

        static File read(String path, String location, String text) {
            return new File(path, location, Optional.of(text), "");
        }

        static File unreadable(String path, String location, String problem) {
            return new File(path, location, Optional.empty(), problem);
        }
    }

    record Result(Map<String, Wanted> wanted, Set<String> keep, List<SkillParseError> problems,
            Map<String, String> paths) {
    }

    private SourceScan() {
    }

    /** True if {@code path} (relative to a skills folder) is a skill file this scan reads. */
    static boolean isSkillPath(String path) {
        String[] parts = path.split("/");
        if (parts.length == 1) {
            return parts[0].endsWith(".md") && !parts[0].startsWith(".")
                    && !parts[0].toLowerCase(Locale.ROOT).equals("readme.md");
        }
        return parts.length == 2 && parts[1].equals(SkillFiles.AGENT_SKILL_FILE) && !parts[0].startsWith(".");
    }

    static Result scan(List<File> files) {
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        Set<String> keep = new HashSet<>();
        List<SkillParseError> problems = new ArrayList<>();
        Map<String, String> paths = new LinkedHashMap<>();
        List<File> sorted = files.stream().filter(f -> isSkillPath(f.path()))
                .sorted(Comparator.comparing(File::path)).toList();
        for (File f : sorted) {
            String expected = expectedName(f.path());
            if (f.text().isEmpty()) {
                problems.add(new SkillParseError(f.location(), 0, 0, f.problem()));
                keepIfName(keep, expected);
                continue;
            }
            try {
                String text = f.text().get();
                SkillDocument d = f.path().contains("/") ? SkillFiles.parseAgentSkill(f.location(), text, expected)
                        : SkillFiles.parseFile(f.location(), text, expected);
                String other = paths.get(d.name());
                if (other != null) {
                    problems.add(new SkillParseError(f.location(), 1, 1, "skill '" + d.name() + "' is already defined by "
                            + other + " in the same folder; this file is ignored"));
                    continue;
                }
                wanted.put(d.name(), new Wanted(SkillFiles.normalize(text), d.description().orElse(""), f.location()));
                paths.put(d.name(), f.path());
            } catch (SkillException e) {
                if (e.error() instanceof SkillError.Malformed m) {
                    problems.add(m.error());
                } else {
                    problems.add(new SkillParseError(f.location(), 0, 0, e.getMessage()));
                }
                keepIfName(keep, expected);
            }
        }
        keep.removeAll(wanted.keySet());
        return new Result(wanted, keep, problems, paths);
    }

    /** {@code fix-auth.md} → {@code fix-auth}; {@code review/SKILL.md} → {@code review}. */
    static String expectedName(String path) {
        int slash = path.indexOf('/');
        return slash >= 0 ? path.substring(0, slash) : path.substring(0, path.length() - ".md".length());
    }

    private static void keepIfName(Set<String> keep, String name) {
        if (SkillMetadata.NAME.matcher(name).matches()) {
            keep.add(name);
        }
    }
}
