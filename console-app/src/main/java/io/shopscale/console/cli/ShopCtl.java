package io.shopscale.console.cli;

import java.io.PrintWriter;

import io.shopscale.console.engine.ProblemText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code shopctl}: the console's engine on the command line, for scripts, CI and operators over SSH. */
@Command(name = "shopctl", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "shopctl 0.1",
        description = "Deploys the ShopScale shop on the local Docker engine and scales it.",
        subcommands = {UpCommand.class, ScaleCommand.class, StatusCommand.class, LogsCommand.class,
                NginxConfigCommand.class, HealCommand.class, LoadCommand.class, ExportCommand.class,
                ExperimentCommand.class, FaultCommand.class, DownCommand.class})
public final class ShopCtl {

    static final int FAILED = 1;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command; returns the exit code (0 done, 1 failed, 2 bad usage). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new ShopCtl());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            err.println("shopctl: " + ProblemText.describe(e, "The stack is left as it is now; `shopctl status` shows "
                    + "it, and running the command again carries on from here."));
            return FAILED;
        });
        int exitCode = line.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    private ShopCtl() {
    }
}
