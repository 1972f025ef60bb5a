package dev.trellis.memory.internal.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Line-based unified diff (LCS) used in change notices. Common prefix and suffix are trimmed first;
 * if the remaining middle is too large for the quadratic table it is shown as removed then added,
 * which is still a correct diff, just not a minimal one.
 */
public final class LineDiff {

    /** Largest LCS table (cells) computed; 4M ints = 16 MB. */
    static final long MAX_CELLS = 4_000_000L;

    private LineDiff() {
    }

    /** One line of an edit script. */
    record Edit(char kind, String line, int oldLine, int newLine) {
    }

    /** Splits text into lines; a trailing newline does not make an extra empty line. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }

    /**
     * Hunks of a unified diff ({@code @@ -a,b +c,d @@} then ' ', '-', '+' lines) with {@code context}
     * lines around each change; empty text if the texts have equal lines.
     */
    public static String unified(String before, String after, int context) {
        List<Edit> script = script(lines(before), lines(after));
        StringBuilder out = new StringBuilder();
        int n = script.size();
        int i = 0;
        while (i < n) {
            if (script.get(i).kind() == ' ') {
                i++;
                continue;
            }
            // a hunk: back up by context, extend while changes are within 2*context of each other
            int start = Math.max(0, i - context);
            int end = i;
            int lastChange = i;
            while (end < n) {
                if (script.get(end).kind() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * context) {
                    break;
                }
                end++;
            }
            int stop = Math.min(n, lastChange + context + 1);
            appendHunk(out, script.subList(start, stop));
            i = stop;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Edit> hunk) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.kind() != '+') {
                oldCount++;
                if (oldStart < 0) {
                    oldStart = e.oldLine();
                }
            }
            if (e.kind() != '-') {
                newCount++;
                if (newStart < 0) {
                    newStart = e.newLine();
                }
            }
        }
        // unified diff convention: an empty range names the line before it
        if (oldStart < 0) {
            oldStart = hunk.getFirst().oldLine() - 1;
        }
        if (newStart < 0) {
            newStart = hunk.getFirst().newLine() - 1;
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                .append(" @@\n");
        for (Edit e : hunk) {
            out.append(e.kind()).append(e.line()).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    /** Edit script; line numbers are 1-based positions in old/new at that point. */
    static List<Edit> script(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> ma = a.subList(prefix, a.size() - suffix);
        List<String> mb = b.subList(prefix, b.size() - suffix);
        List<Edit> out = new ArrayList<>();
        int oi = 1;
        int ni = 1;
        for (int k = 0; k < prefix; k++) {
            out.add(new Edit(' ', a.get(k), oi++, ni++));
        }
        List<Character> middle = middle(ma, mb);
        int x = 0;
        int y = 0;
        for (char kind : middle) {
            switch (kind) {
                case ' ' -> {
                    out.add(new Edit(' ', ma.get(x++), oi++, ni++));
                    y++;
                }
                case '-' -> out.add(new Edit('-', ma.get(x++), oi++, ni));
                default -> out.add(new Edit('+', mb.get(y++), oi, ni++));
            }
        }
        for (int k = a.size() - suffix; k < a.size(); k++) {
            out.add(new Edit(' ', a.get(k), oi++, ni++));
        }
        return out;
    }

    private static List<Character> middle(List<String> a, List<String> b) {
        List<Character> kinds = new ArrayList<>();
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            a.forEach(l -> kinds.add('-'));
            b.forEach(l -> kinds.add('+'));
            return kinds;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                kinds.add(' ');
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                kinds.add('-');
                i++;
            } else {
                kinds.add('+');
                j++;
            }
        }
        while (i++ < n) {
            kinds.add('-');
        }
        while (j++ < m) {
            kinds.add('+');
        }
        return kinds;
    }
}
