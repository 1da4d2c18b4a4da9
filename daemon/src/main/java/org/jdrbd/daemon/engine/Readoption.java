package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.nio.file.Path;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.registry.ResourceRecord;

/**
 * Re-adoption of one remembered resource at daemon start: the same admin steps drbdadm up would
 * make, minus promotion (ARCHITECTURE.md: after kill -9 the daemon never promotes by itself).
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
        if (rec.peerNodeId() >= 0) {
            chain = step(chain, () -> engine.newPeer(rec.name(), rec.peerNodeId()));
        }
        for (ResourceRecord.VolumeRecord v : rec.volumes()) {
            if (v.attached()) {
                chain = step(chain, () -> engine.attach(new AttachRequest(v.minor(),
                        Path.of(v.backingDisk()), Path.of(v.metaDisk()), v.metaIndex())));
            }
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
