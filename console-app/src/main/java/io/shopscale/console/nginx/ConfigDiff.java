package io.shopscale.console.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two config texts, line by line, for the console to show after a reload: a unified diff
 * ({@code @@ -12,3 +12,4 @@} hunks, lines prefixed with ' ', '-' or '+') without file headers.
 */
public final class ConfigDiff {

    public static final ConfigDiff NONE = new ConfigDiff(List.of(), 0, 0);

    /** Unchanged lines shown around each change, as in {@code diff -u}. */
    private static final int CONTEXT = 3;

    private final List<String> hunks;
    private final int linesAdded;
    private final int linesRemoved;

    private ConfigDiff(List<String> hunks, int linesAdded, int linesRemoved) {
        this.hunks = List.copyOf(hunks);
        this.linesAdded = linesAdded;
        this.linesRemoved = linesRemoved;
    }

    public static ConfigDiff between(String before, String after) {
        List<String> old = before.lines().toList();
        List<String> updated = after.lines().toList();
        List<Edit> edits = edits(old, updated);
        int added = (int) edits.stream().filter(e -> e.kind == '+').count();
        int removed = (int) edits.stream().filter(e -> e.kind == '-').count();
        return added + removed == 0 ? NONE : new ConfigDiff(hunks(edits), added, removed);
    }

    public boolean isEmpty() {
        return linesAdded + linesRemoved == 0;
    }

    public int linesAdded() {
        return linesAdded;
    }

    public int linesRemoved() {
        return linesRemoved;
    }

    /** The hunks, one line per line, each ending in a line break; empty when nothing changed. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        hunks.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    @Override
    public String toString() {
        return "+" + linesAdded + " -" + linesRemoved;
    }

    /** One line of the edit script; {@code oldLine}/{@code newLine} are the 1-based numbers before the line. */
    private record Edit(char kind, String text, int oldLine, int newLine) {
    }

    /** A longest-common-subsequence edit script; configs are a few hundred lines, so the table is small. */
    private static List<Edit> edits(List<String> old, List<String> updated) {
        int n = old.size();
        int m = updated.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = old.get(i).equals(updated.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && old.get(i).equals(updated.get(j))) {
                edits.add(new Edit(' ', old.get(i), i++, j++));
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                // On a tie the removal goes first, as diff -u prints them.
                edits.add(new Edit('-', old.get(i), i++, j));
            } else {
                edits.add(new Edit('+', updated.get(j), i, j++));
            }
        }
        return edits;
    }

    private static List<String> hunks(List<Edit> edits) {
        List<String> lines = new ArrayList<>();
        int index = 0;
        while (index < edits.size()) {
            if (edits.get(index).kind == ' ') {
                index++;
                continue;
            }
            int start = Math.max(0, index - CONTEXT);
            int end = index;
            // Extend while the next change is within two contexts' reach, so close changes share a hunk.
            int unchangedRun = 0;
            for (int k = index; k < edits.size(); k++) {
                if (edits.get(k).kind == ' ') {
                    unchangedRun++;
                    if (unchangedRun > 2 * CONTEXT) {
                        break;
                    }
                } else {
                    unchangedRun = 0;
                    end = k;
                }
            }
            int stop = Math.min(edits.size(), end + 1 + CONTEXT);
            lines.add(header(edits.subList(start, stop)));
            edits.subList(start, stop).forEach(edit -> lines.add(edit.kind + edit.text));
            index = stop;
        }
        return lines;
    }

    private static String header(List<Edit> hunk) {
        int oldCount = (int) hunk.stream().filter(e -> e.kind != '+').count();
        int newCount = (int) hunk.stream().filter(e -> e.kind != '-').count();
        Edit first = hunk.get(0);
        return "@@ -" + range(first.oldLine, oldCount) + " +" + range(first.newLine, newCount) + " @@";
    }

    /** diff -u's convention: an empty range names the line before it. */
    private static String range(int zeroBasedStart, int count) {
        int start = count == 0 ? zeroBasedStart : zeroBasedStart + 1;
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }
}
