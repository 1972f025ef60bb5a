package dev.trellis.agent.internal.config;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one {@code initial.blocks} entry: {@code label[:core|:working][@persona|@project]=content}.
 * The content is text; {@code \n}, {@code \t} and {@code \\} in it are a line break, a tab and a
 * backslash. Default tier {@code working}; default scope the project if the agent has one, else the
 * persona. The char limit is the default (5000) or the content's length if that is longer.
 */
final class InitialBlocks {

    private static final Pattern HEAD = Pattern.compile("([^:@=\\s][^:@=]*?)\\s*(?::\\s*(\\w+))?\\s*(?:@\\s*(\\w+))?\\s*");

    private InitialBlocks() {
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the entry */
    static BlockCreate parse(String entry, Scope.Global persona, Optional<Scope.Local> project) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("entry '" + shorten(entry) + "' has no '=' (expected label[:tier][@persona|@project]=content)");
        }
        Matcher m = HEAD.matcher(entry.substring(0, eq));
        if (!m.matches()) {
            throw new IllegalArgumentException("entry '" + shorten(entry) + "': '" + entry.substring(0, eq)
                    + "' is not label[:core|:working][@persona|@project]");
        }
        String label = m.group(1).strip();
        Tier tier = m.group(2) == null ? Tier.WORKING : Tier.parse(m.group(2));
        Scope scope = switch (m.group(3) == null ? "" : m.group(3)) {
            case "" -> project.<Scope>map(p -> p).orElse(persona);
            case "persona" -> persona;
            case "project" -> project.orElseThrow(() -> new IllegalArgumentException(
                    "entry '" + shorten(entry) + "' names @project but the agent has no project"));
            default -> throw new IllegalArgumentException("entry '" + shorten(entry) + "': unknown scope '@" + m.group(3)
                    + "' (expected @persona or @project)");
        };
        String content = unescape(entry.substring(eq + 1));
        BlockAddress address = BlockAddress.of(scope, label);
        return new BlockCreate(address, tier, Schema.TEXT, "", Math.max(BlockMetadata.DEFAULT_CHAR_LIMIT, content.length()),
                Permission.DEFAULT, false, content);
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(i + 1);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '\\' -> out.append('\\');
                    default -> out.append(c).append(n);
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String shorten(String entry) {
        return entry.length() <= 60 ? entry : entry.substring(0, 57) + "...";
    }
}
