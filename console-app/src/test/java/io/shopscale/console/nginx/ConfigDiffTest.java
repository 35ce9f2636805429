package io.shopscale.console.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static final String TEN_LINES = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";

    @Test
    void equalTextsHaveNoDiff() {
        ConfigDiff diff = ConfigDiff.between(TEN_LINES, TEN_LINES);

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.toText()).isEmpty();
    }

    @Test
    void aReplacedLineShowsAsRemovedThenAddedWithThreeLinesOfContext() {
        ConfigDiff diff = ConfigDiff.between(TEN_LINES, TEN_LINES.replace("5\n", "five\n"));

        assertThat(diff.toText()).isEqualTo("""
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
        assertThat(diff.linesAdded()).isEqualTo(1);
        assertThat(diff.linesRemoved()).isEqualTo(1);
    }

    @Test
    void distantChangesGetTheirOwnHunks() {
        String after = TEN_LINES.replace("1\n", "").replace("10\n", "10\n11\n");

        assertThat(ConfigDiff.between(TEN_LINES, after).toText()).isEqualTo("""
                @@ -1,4 +1,3 @@
                -1
                 2
                 3
                 4
                @@ -8,3 +7,4 @@
                 8
                 9
                 10
                +11
                """);
    }

    @Test
    void nearbyChangesShareAHunk() {
        String after = TEN_LINES.replace("3\n", "").replace("6\n", "6\nsix\n");

        assertThat(ConfigDiff.between(TEN_LINES, after).toText()).isEqualTo("""
                @@ -1,9 +1,9 @@
                 1
                 2
                -3
                 4
                 5
                 6
                +six
                 7
                 8
                 9
                """);
    }

    @Test
    void everythingIsAddedToAnEmptyFile() {
        assertThat(ConfigDiff.between("", "a\nb\n").toText()).isEqualTo("""
                @@ -0,0 +1,2 @@
                +a
                +b
                """);
    }
}
