package dev.trellis.skills.internal.parse;

/**
 * A problem in the YAML front matter at a 0-based line and column of the YAML text; the caller adds
 * the offset of the front matter in its file. Internal to parsing: it never leaves {@link SkillFiles}.
 */
final class YamlProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    YamlProblem(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    static YamlProblem at(YamlNode node, String message) {
        return new YamlProblem(node.line(), node.column(), message);
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}
