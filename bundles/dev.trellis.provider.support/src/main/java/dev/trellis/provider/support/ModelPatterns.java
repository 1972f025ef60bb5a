package dev.trellis.provider.support;

import java.util.List;
import java.util.regex.Pattern;

/** Glob patterns ({@code *} = any run of characters) over model names, case-insensitive. */
public final class ModelPatterns {

    private final List<Pattern> patterns;

    public ModelPatterns(String[] globs) {
        this.patterns = java.util.Arrays.stream(globs).map(String::strip).filter(g -> !g.isEmpty())
                .map(ModelPatterns::compile).toList();
    }

    public boolean matches(String model) {
        return patterns.stream().anyMatch(p -> p.matcher(model).matches());
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
