package io.shopscale.console.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shopscale.console.export.ExportFormat;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.fault.FaultsInForce;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.StackName;

/**
 * The engine port: everything {@code shopctl} and the window ask of a stack, whatever runs it (the local Docker engine
 * or Docker Swarm). Every method blocks; the window calls them off the FX thread. Commands that change a stack (up, scale,
 * heal, down) take it for themselves first, across processes (see {@link StackLock}), and report what they do as
 * {@link EngineEvent}s on the calling thread.
 */
public interface ShopEngine {

    /**
     * Creates the stack, or converges a running one to {@code desired}: builds app images from the newest jars, records
     * the wish on the stack, then plans and carries out the steps.
     *
     * @return the plan that was carried out
     * @throws io.shopscale.console.plan.PlanFailedException when a step failed (the event stream says which and why)
     */
    Plan up(DesiredTopology desired, EngineListener events);

    /**
     * As {@link #up(DesiredTopology, EngineListener)}, on the engine asked for: the stack remembers it, so the other
     * commands need not be told.
     *
     * @throws io.shopscale.console.topology.TopologyException when the stack runs on another engine, or this one
     *                                                         is not available
     */
    Plan up(DesiredTopology desired, EngineKind engine, EngineListener events);

    /**
     * Changes replica counts of a running stack, keeping everything else as it runs (images included).
     *
     * @throws io.shopscale.console.topology.TopologyException when the stack does not run or a service is unknown
     */
    Plan scale(StackName stack, Map<String, Integer> replicas, EngineListener events);

    /**
     * Brings the stack back to what was last asked of it: routes nginx to exactly the ready replicas, replaces
     * replicas that died or stopped answering, starts missing ones.
     */
    Plan heal(StackName stack, EngineListener events);

    /** Removes the stack's containers and network, found by label; its data and secrets only with {@code volumes}. */
    void down(StackName stack, boolean volumes, EngineListener events);

    /** Kills one app replica at once (SIGKILL), as a crash would. */
    void kill(StackName stack, String container);

    StackStatus status(StackName stack);

    /** The config the stack's nginx runs now. */
    String nginxConfig(StackName stack);

    /** The last {@code lines} lines of each container (or one service's), merged in the order they were written. */
    String logs(StackName stack, Optional<String> service, int lines);

    /**
     * Follows the running stack until closed: each replica's CPU and memory and nginx's counters into {@code hub},
     * and, every couple of seconds, nginx's routing kept to the replicas that answer their readiness probe (a replica
     * that stops answering leaves nginx within seconds; replacing it is {@link #heal}'s). Closing may wait a few
     * seconds for the streams to end.
     */
    Subscription monitor(StackName stack, MetricsHub hub);

    /**
     * Writes what the stack was last asked to run as files an orchestrator takes without the console: a
     * {@code docker-compose.yml} with nginx's and HAProxy's configs, or Kubernetes manifests. Changes nothing that
     * runs.
     *
     * @param directory   created when missing; files of the same names are replaced
     * @param withSecrets also write the stack's secrets into the export (files, or a Secret manifest)
     * @return the files written
     * @throws io.shopscale.console.topology.TopologyException when the stack does not run
     * @throws UnsupportedOperationException from an engine that cannot export
     */
    default List<Path> export(StackName stack, ExportFormat format, Path directory, boolean withSecrets) {
        throw new UnsupportedOperationException("This engine cannot export a stack.");
    }

    /**
     * The faults in force on the stack (see {@link io.shopscale.console.fault.Fault}), as kept with it: they outlive
     * {@code down} and {@code up}, and {@code up}, {@code scale} and {@code heal} apply them again to the containers
     * they start. {@code down --volumes} forgets them with the data.
     *
     * @throws UnsupportedOperationException from an engine that has no faults
     */
    default FaultsInForce faults(StackName stack) {
        throw new UnsupportedOperationException("This engine cannot switch faults.");
    }

    /**
     * Switches a fault on or off, or all off, on the running stack: keeps what is in force with the stack first, then
     * applies it, and reports each fault switched as an {@link EngineEvent.FaultSwitched}. {@code down} kills the
     * replica once and keeps nothing.
     *
     * @return the faults in force afterwards
     * @throws io.shopscale.console.fault.FaultException when the fault to clear is not in force
     * @throws io.shopscale.console.topology.TopologyException when the stack does not run, or the target replica
     *                                                        is not one of it
     * @throws UnsupportedOperationException from an engine that has no faults
     */
    default FaultsInForce switchFault(StackName stack, FaultChange change, EngineListener events) {
        throw new UnsupportedOperationException("This engine cannot switch faults.");
    }

    /** Receives a command's events on the engine's thread; a window hands them to its own thread itself. */
    @FunctionalInterface
    interface EngineListener {

        void on(EngineEvent event);

        EngineListener IGNORE = event -> { };
    }
}
