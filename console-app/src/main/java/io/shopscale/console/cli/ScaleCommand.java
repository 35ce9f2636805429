package io.shopscale.console.cli;

import java.util.List;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.topology.ScaleRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "scale", description = "Sets replica counts, e.g. `scale monolith=3` or `scale orders=3 payments=2`.")
final class ScaleCommand extends EngineCommand {

    @Parameters(arity = "1..*", paramLabel = "SERVICE=COUNT")
    List<String> requests;

    @Override
    public Integer call() {
        ShopEngine engine = engine();
        var status = engine.status(stackName());
        if (!status.exists()) {
            out().println("Stack " + stack + " is not running; start it with `shopctl up`.");
            return ShopCtl.FAILED;
        }
        ScaleRequest request = ScaleRequest.parse(requests, io.shopscale.console.topology.Mode.parse(status.mode()));
        var plan = engine.scale(stackName(), request.replicas(), printer());
        out().println(plan.isEmpty() ? "Nothing to change." : "Scaled.");
        return 0;
    }
}
