package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import org.jdrbd.daemon.repl.Connection;
import org.jdrbd.daemon.repl.HelperCalls;
import org.jdrbd.daemon.repl.PathAddress;
import org.jdrbd.handlers.HandlerCommand;
import org.jdrbd.handlers.HandlerEnvironment;
import org.jdrbd.handlers.HandlerRequest;
import org.jdrbd.handlers.HandlerResult;
import org.jdrbd.handlers.HandlerRunner;
import org.jdrbd.handlers.HelperEventLine;
import org.jdrbd.handlers.NetAddress;
import org.jdrbd.handlers.PeerInfo;
import org.jdrbd.handlers.VolumeInfo;
import org.jdrbd.statemachine.HandlerName;

/**
 * DRBD's usermode helper for one resource (fact sheet §5.4): the daemon runs
 * {@code <helper> <handler> <resource>} with the kernel's environment, and the helper (drbdadm
 * by default) looks the handler up in the local drbd.conf. The helper command is the daemon's
 * own command-line setting, so nothing a peer sends can choose what runs.
 */
final class UsermodeHelper implements HelperCalls {
    private final Resource resource;
    private final HandlerRunner runner;
    private final String helperCommand;

    UsermodeHelper(Resource resource, HandlerRunner runner, String helperCommand) {
        this.resource = resource;
        this.runner = runner;
        this.helperCommand = helperCommand;
    }

    @Override
    public Future<Integer> call(HandlerName handler, int volume, String connState) {
        resource.assertOwner();
        HandlerRequest req = request(handler, volume, connState);
        resource.log.info("{}", HelperEventLine.call(req));
        resource.engine.publishHelper(line(req, false, 0));
        Promise<Integer> done = Promise.promise();
        runner.start(req, HandlerEnvironment.daemonLayer(req)).whenComplete((r, t) ->
                resource.context.runOnContext(x -> {
                    int code = t != null ? HandlerResult.DRBDADM_EXEC_ERROR : r.effectiveExitCode();
                    resource.log.info("{}", HelperEventLine.response(req, code));
                    resource.engine.publishHelper(line(req, true, code));
                    done.complete(code);
                }));
        return done.future();
    }

    private HandlerRequest request(HandlerName handler, int volume, String connState) {
        String command = helperCommand + " " + handler.configName() + " " + shellQuote(resource.name);
        HandlerRequest.Builder b = HandlerRequest.builder(handler, resource.name)
                .command(HandlerCommand.fromLocalConfig(command))
                .myNodeId(resource.nodeId);
        for (Volume v : resource.volumes.values()) {
            var disk = v.attachedWith;
            b.volume(new VolumeInfo(v.number, v.minor,
                    disk == null ? "none" : disk.backingDisk().toString(), disk != null));
        }
        if (volume >= 0 && handler.level() == HandlerName.Level.DEVICE
                && resource.volumes.containsKey(volume)) {
            b.device(volume);
        }
        Connection c = resource.connection;
        if (c != null && resource.peerNodeId >= 0) {
            PathAddress mine = c.localAddress();
            PathAddress peer = c.peerAddress();
            String peerName = c.options().peerName();
            if (mine != null) {
                b.myAddress(new NetAddress("ipv4", mine.host()));
            }
            b.peer(new PeerInfo(resource.peerNodeId, peerName.isEmpty() ? List.of() : List.of(peerName),
                    peerName.isEmpty() ? "peer-" + resource.peerNodeId : peerName,
                    peer == null ? null : new NetAddress("ipv4", peer.host()), connState));
        }
        return b.build();
    }

    /** The events2 view of {@code req}'s call or response (same fields as HelperEventLine). */
    static org.jdrbd.daemon.admin.HelperLine line(HandlerRequest req, boolean response, int status) {
        PeerInfo p = req.peer().orElse(null);
        return new org.jdrbd.daemon.admin.HelperLine(req.resource(), response,
                req.handler().configName(), p != null && p.hasNodeId() ? p.nodeId() : -1,
                p == null ? null : p.connectionName(),
                req.deviceVnr().isPresent() ? req.deviceVnr().getAsInt() : -1, status);
    }

    /** Single quotes for /bin/sh; the resource name is validated, but quoting costs nothing. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
