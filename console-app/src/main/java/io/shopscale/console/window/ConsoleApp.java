package io.shopscale.console.window;

import java.io.PrintWriter;
import java.util.List;

import javafx.application.Application;
import picocli.CommandLine;

/**
 * Starts the window: {@code bin/console [--stack NAME] [--port PORT]}. Not itself a JavaFX application, so it runs
 * from a plain class path.
 */
public final class ConsoleApp {

    private ConsoleApp() {
    }

    public static void main(String[] args) {
        CommandLine line = new CommandLine(ConsoleOptions.class);
        try {
            line.parseArgs(args);
            if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
                line.usage(new PrintWriter(System.out, true));
                return;
            }
            ConsoleOptions.parse(List.of(args));
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            PrintWriter err = new PrintWriter(System.err, true);
            err.println("console: " + e.getMessage());
            line.usage(err);
            System.exit(2);
        }
        Application.launch(ConsoleWindow.class, args);
    }
}
