package dev.trellis.api.skills;

import java.util.Objects;

/** Why a skill call failed; carried by {@link SkillException}. */
public sealed interface SkillError permits SkillError.NotFound, SkillError.NotASkill, SkillError.Malformed {

    String message();

    /** No block with that handle is visible. */
    record NotFound(String handle) implements SkillError {
        public NotFound {
            Objects.requireNonNull(handle, "handle");
        }

        public String message() {
            return "skill '" + handle + "' not found";
        }
    }

    /** The block exists but is not of schema {@code skill}. */
    record NotASkill(String handle) implements SkillError {
        public NotASkill {
            Objects.requireNonNull(handle, "handle");
        }

        public String message() {
            return "block '" + handle + "' is not a skill";
        }
    }

    /** The skill text does not parse. */
    record Malformed(SkillParseError error) implements SkillError {
        public Malformed {
            Objects.requireNonNull(error, "error");
        }

        public String message() {
            return error.toString();
        }
    }
}
