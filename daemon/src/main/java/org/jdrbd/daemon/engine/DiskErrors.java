package org.jdrbd.daemon.engine;

import org.jdrbd.daemon.store.IoError;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.DiskState;

/**
 * The disk option on-io-error (fact sheet §2.7, "disk -> Failed"): what a failed local read,
 * write or flush does to the volume. Only real device errors count; a busy queue, a closed store
 * or a client's range mistake are not the disk's fault.
 */
final class DiskErrors {
    private DiskErrors() {
    }

    static boolean isDeviceError(IoOutcome outcome) {
        return !outcome.ok() && (outcome.error() == IoError.IO || outcome.error() == IoError.NO_SPACE);
    }

    /** Applies the policy to a device error seen by the write path (on the resource's context). */
    static void onLocalError(Volume v, IoOutcome outcome) {
        v.assertOwner();
        if (!isDeviceError(outcome) || v.disk == null) {
            return;
        }
        switch (v.ctx.onIoError()) {
            case PASS_ON -> {
                v.log.error("local IO failed ({}); on-io-error pass_on: error passed on", outcome);
                if (v.state.disk().gt(DiskState.INCONSISTENT)) {
                    v.change(v.state.withDisk(DiskState.INCONSISTENT), ChangeFlag.FORCED);
                }
            }
            case DETACH, CALL_LOCAL_IO_ERROR -> {
                v.log.error("local IO failed ({}); on-io-error {}: detaching", outcome,
                        v.ctx.onIoError().name().toLowerCase());
                v.resource.admin(() -> DiskAdmin.failDisk(v).map(
                        x -> org.jdrbd.daemon.admin.AdminResult.success()));
            }
            default -> throw new IllegalStateException("unknown on-io-error " + v.ctx.onIoError());
        }
    }

    /** The same for reads and flushes, which complete off the context: hop there first. */
    static IoOutcome seen(Volume v, IoOutcome outcome) {
        if (isDeviceError(outcome)) {
            v.context().runOnContext(x -> onLocalError(v, outcome));
        }
        return outcome;
    }

}
