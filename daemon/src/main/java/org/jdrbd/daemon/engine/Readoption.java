package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Optional;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.registry.ResourceRecord;
import org.jdrbd.daemon.repl.NetOptions;

/**
 * Re-adoption of one remembered resource at daemon start: the same admin steps drbdadm up would
 * make (new-peer with the stored net options, new-path, attach, connect when it was asked for),
 * minus promotion (ARCHITECTURE.md: after kill -9 the daemon never promotes by itself).
 * A failing step is logged and ends this resource's re-adoption; others go on.
 */
final class Readoption {
    private Readoption() {
    }

    static Future<AdminResult> readopt(Engine engine, ResourceRecord rec) {
        VolumeLog log = new VolumeLog(rec.name(), -1);
        log.info("re-adopting resource from the state registry");
        Future<AdminResult> chain = engine.createResource(rec.name(), rec.nodeId(), true);
        for (ResourceRecord.VolumeRecord v : rec.volumes()) {
            chain = step(chain, () -> engine.newMinor(rec.name(), v.minor(), v.volume()));
        }
        ResourceRecord.PeerRecord peer = rec.peer();
        Optional<NetOptions> options = peer == null ? Optional.empty() : PeerConf.decode(peer.netConf());
        if (peer != null && options.isEmpty()) {
            log.error("the stored net options of peer {} are unreadable: re-adopting without the"
                    + " connection (drbdadm adjust configures it)", rec.peerNodeId());
        }
        if (rec.peerNodeId() >= 0) {
            chain = step(chain, () -> options.isPresent()
                    ? engine.newPeer(rec.name(), rec.peerNodeId(), options.get())
                    : engine.newPeer(rec.name(), rec.peerNodeId()));
        }
        if (options.isPresent() && peer.localAddr() != null && peer.peerAddr() != null) {
            chain = step(chain, () -> engine.newPath(rec.name(), rec.peerNodeId(), peer.localAddr(),
                    peer.peerAddr()));
        }
        for (ResourceRecord.VolumeRecord v : rec.volumes()) {
            if (v.attached()) {
                chain = step(chain, () -> engine.attach(new AttachRequest(v.minor(),
                        Path.of(v.backingDisk()), Path.of(v.metaDisk()), v.metaIndex())));
            }
        }
        if (options.isPresent() && peer.connect()) {
            chain = step(chain, () -> engine.connect(rec.name(), rec.peerNodeId(), false, false));
        }
        return chain.map(res -> {
            if (res.ok()) {
                log.info("re-adopted");
            } else {
                log.error("re-adoption stopped, registry record kept: {}", res);
            }
            return res;
        }).compose(res -> engine.endReadoption(rec.name(), res));
    }

    private static Future<AdminResult> step(Future<AdminResult> prev,
            java.util.function.Supplier<Future<AdminResult>> next) {
        return prev.compose(res -> res.ok() ? next.get() : Future.succeededFuture(res));
    }
}
