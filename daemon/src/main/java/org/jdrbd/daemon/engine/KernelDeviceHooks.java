package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.util.function.Function;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.StateRv;

/**
 * Where {@link KernelDevices} meets the role changes, as the engine calls it per volume on the
 * resource's context: attach after a promotion, and before a demotion refuse while the kernel
 * device is mounted or held (DRBD's "held open"), then detach. With no kernel devices (null) or
 * none configured for the volume, the role change runs exactly as without them.
 */
final class KernelDeviceHooks {
    private KernelDeviceHooks() {
    }

    /** {@code primary}: {@code promoted} as it completed, the kernel device attached after success. */
    static Future<AdminResult> afterPrimary(KernelDevices kd, Volume v, Future<AdminResult> promoted) {
        if (kd == null) {
            return promoted;
        }
        return promoted.compose(res -> {
            if (!res.ok() || kd.status(v.minor).state() == KernelDeviceStatus.State.NONE) {
                return Future.succeededFuture(res);
            }
            return kd.promoted(v.context(), v.minor, v.exportName()).map(s -> {
                log(v, kd.describe(v.minor, v.exportName()), s.attached());
                return res;
            });
        });
    }

    /** {@code secondary} and {@code down}: {@code demote} framed by the in-use check and detach. */
    static Future<AdminResult> aroundSecondary(KernelDevices kd, Volume v,
            Function<Volume, Future<AdminResult>> demote) {
        if (kd == null || kd.status(v.minor).state() == KernelDeviceStatus.State.NONE
                || v.state.role() != Role.PRIMARY) {
            return demote.apply(v);
        }
        return kd.inUse(v.context(), v.minor).compose(busy -> {
            if (busy.isPresent()) {
                v.log.warn("not demoted: {}", busy.get());
                return Future.succeededFuture(AdminResult.refused(StateRv.SS_DEVICE_IN_USE, busy.get()));
            }
            return kd.demoting(v.context(), v.minor).compose(s -> {
                log(v, kd.describe(v.minor, v.exportName()), !s.attached());
                return demote.apply(v);
            }).compose(res -> reattachIfStillPrimary(kd, v, res));
        });
    }

    /** A refused demotion leaves the volume Primary: give it its kernel device back. */
    private static Future<AdminResult> reattachIfStillPrimary(KernelDevices kd, Volume v, AdminResult res) {
        if (res.ok() || v.state.role() != Role.PRIMARY) {
            return Future.succeededFuture(res);
        }
        return kd.promoted(v.context(), v.minor, v.exportName()).map(s -> res);
    }

    private static void log(Volume v, String line, boolean asWanted) {
        if (asWanted) {
            v.log.info("{}", line);
        } else {
            v.log.warn("{}", line);
        }
    }
}
