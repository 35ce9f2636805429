package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shopscale.console.cli.ShopCtl;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithProblemsExitsWith2AndNamesEachProblemsPlace() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "duration: 1m\ntimeline:\n  - at: soon\n    load: {rate: 10}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = ShopCtl.run(new String[] {"experiment", "validate", file.toString()}, new PrintWriter(out),
                new PrintWriter(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":3:9: bad duration \"soon\"").contains("1 problem");
    }

    @Test
    void aValidFileExitsWith0() throws IOException {
        Path file = dir.resolve("good.yaml");
        Files.writeString(file, ExperimentParserTest.VALID);
        StringWriter out = new StringWriter();

        int code = ShopCtl.run(new String[] {"experiment", "validate", file.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));

        assertThat(code).isZero();
        assertThat(out.toString()).contains("valid");
    }
}
