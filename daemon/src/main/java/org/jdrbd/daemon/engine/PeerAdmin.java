package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.repl.Connection;
import org.jdrbd.daemon.repl.NetOptions;
import org.jdrbd.daemon.repl.PathAddress;
import org.jdrbd.daemon.repl.PeerVolume;
import org.jdrbd.statemachine.Role;

/**
 * The connection admin operations of a resource (new-peer options, new-path, connect,
 * disconnect, del-path, del-peer) on top of {@link Connection}; run on the resource's context.
 */
final class PeerAdmin {
    private PeerAdmin() {
    }

    /** The resource's connection, made on first use with {@code options}. */
    static Connection connection(Resource r, NetOptions options) {
        r.assertOwner();
        if (r.connection == null) {
            r.connection = new Connection(r.name, r.peerNodeId, options, r.engine.vertx(), r.context,
                    EffectRunner.random(), () -> ports(r));
            r.connection.setHelpers(r.helper());
            org.jdrbd.daemon.repl.ResyncGate.install(r.connection, ResyncAfter.of(r.engine).gate(r));
            for (PeerVolume p : ports(r)) {
                r.connection.volumeAdded(p);
            }
            Connection c = r.connection;
            r.engine.subscribe(e -> {
                if (e.resource().equals(r.name) && r.connection == c) {
                    c.localChange(e.volume(), e.before(), e.after());
                    org.jdrbd.daemon.repl.ResyncPause.localChange(c, e.volume(), e.before(), e.after());
                }
            });
        } else if (options != null) {
            r.connection.setOptions(options);
        }
        return r.connection;
    }

    static Collection<PeerVolume> ports(Resource r) {
        List<PeerVolume> out = new ArrayList<>();
        for (Volume v : r.volumes.values()) {
            if (v.port == null) {
                v.port = new VolumePort(v);
            }
            out.add(v.port);
        }
        return out;
    }

    /** A volume got a disk or was created: it takes part in replication. */
    static void volumeChanged(Volume v) {
        Resource r = v.resource;
        ResyncAfter.of(r.engine).register(v);
        if (r.connection != null) {
            if (v.port == null) {
                v.port = new VolumePort(v);
            }
            r.connection.volumeAdded(v.port);
        }
    }

    static Future<AdminResult> newPath(Resource r, int peer, String local, String remote) {
        if (r.peerNodeId != peer) {
            return fail(AdminError.ERR_INVALID_REQUEST, "no peer with node-id " + peer + " (new-peer first)");
        }
        PathAddress l = PathAddress.parse(local);
        PathAddress p = PathAddress.parse(remote);
        if (l == null || p == null) {
            return fail(AdminError.ERR_INVALID_REQUEST, "bad address '" + (l == null ? local : remote)
                    + "' (expected ipv4:ADDR:PORT)");
        }
        String err = connection(r, null == r.connection ? NetOptions.defaults() : null).addPath(l, p);
        return err == null ? Future.succeededFuture(AdminResult.success())
                : fail(AdminError.ERR_INVALID_REQUEST, err);
    }

    static Future<AdminResult> connect(Resource r, int peer, boolean discardMyData, boolean tentative) {
        if (r.peerNodeId != peer || r.connection == null) {
            return fail(AdminError.ERR_INVALID_REQUEST, "no path to peer node-id " + peer);
        }
        if (discardMyData && r.volumes.values().stream().anyMatch(v -> v.state.role() == Role.PRIMARY)) {
            return fail(AdminError.ERR_DISCARD_IMPOSSIBLE, "demote before connect --discard-my-data");
        }
        return r.connection.connect(discardMyData, tentative).map(err -> err == null ? AdminResult.success()
                : AdminResult.failed(AdminError.ERR_INVALID_REQUEST, err));
    }

    /** net-options / peer-device-options on the existing connection. */
    static Future<AdminResult> changeOptions(Resource r, int peer, org.jdrbd.netlink.msg.TagList request,
            org.jdrbd.netlink.schema.TagDef container, boolean setDefaults) {
        if (r.peerNodeId != peer || r.connection == null) {
            return fail(AdminError.ERR_INVALID_REQUEST, "no connection to peer node-id " + peer
                    + " (new-peer first)");
        }
        NetOptions changed = r.connection.options().updated(request, container, setDefaults);
        if (changed.error() != null) {
            return fail(AdminError.ERR_INVALID_REQUEST, changed.error());
        }
        // Timers, fencing, two-primaries and the resync rate apply at once; the protocol and the
        // after-sb policies are exchanged in P_PROTOCOL, so they apply from the next connection.
        r.connection.setOptions(changed);
        return Future.succeededFuture(AdminResult.success());
    }

    /** disconnect: graceful (peer told, maybe outdated) unless {@code force}. */
    static Future<AdminResult> disconnect(Resource r, int peer, boolean force) {
        if (r.peerNodeId != peer || r.connection == null) {
            return fail(AdminError.ERR_INVALID_REQUEST, "no connection to peer node-id " + peer);
        }
        return r.connection.disconnect(force).map(rv -> rv.isSuccess() ? AdminResult.success()
                : AdminResult.refused(rv, ""));
    }

    static Future<AdminResult> delPath(Resource r, int peer) {
        if (r.peerNodeId != peer || r.connection == null) {
            return fail(AdminError.ERR_INVALID_REQUEST, "no path to peer node-id " + peer);
        }
        String err = r.connection.deletePath();
        return err == null ? Future.succeededFuture(AdminResult.success())
                : fail(AdminError.ERR_INVALID_REQUEST, err);
    }

    static Future<AdminResult> delPeer(Resource r, int peer) {
        if (r.peerNodeId != peer) {
            return fail(AdminError.ERR_INVALID_REQUEST, "no peer with node-id " + peer);
        }
        Future<Void> down = r.connection == null ? Future.succeededFuture() : r.connection.disconnect();
        return down.map(x -> {
            if (r.connection != null) {
                r.connection.close();
                r.connection = null;
            }
            return AdminResult.success();
        });
    }

    /** down: the connection closed before the volumes go. */
    static Future<Void> close(Resource r) {
        if (r.connection == null) {
            return Future.succeededFuture();
        }
        Connection c = r.connection;
        return c.disconnect().map(x -> {
            c.close();
            r.connection = null;
            return null;
        });
    }

    private static Future<AdminResult> fail(AdminError e, String msg) {
        return Future.succeededFuture(AdminResult.failed(e, msg));
    }
}
