package dev.trellis.skills.internal;

import dev.trellis.api.skills.Skill;

/**
 * The text an agent receives when it loads a skill (reference §1.6), a blank line after the header and
 * before the end marker:
 * <pre>
 * [skill:loaded] name="fix-authentication" trust_tier="project-local"
 *
 * ## Overview
 * ...
 *
 * [skill:loaded:end]</pre>
 * Leading and trailing blank lines of the body are not repeated. The agent runtime wraps the text in a
 * system reminder when it delivers it as a pseudo-message; as a tool result it is used as is.
 */
final class LoadText {

    static final String END = "[skill:loaded:end]";

    private LoadText() {
    }

    static String render(Skill skill) {
        String header = "[skill:loaded] name=\"" + skill.metadata().name() + "\" trust_tier=\""
                + skill.metadata().trustTier().id() + "\"";
        String body = trimLineBreaks(skill.body());
        return body.isEmpty() ? header + "\n\n" + END : header + "\n\n" + body + "\n\n" + END;
    }

    private static String trimLineBreaks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '\n') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(start, end);
    }
}
